package dev.hermesharden.host.ssh;

import dev.hermesharden.host.HostException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * Opens one SSH connection as {@code ssh} would for the admin: the host key checked against {@code
 * known_hosts} ({@link KnownHosts}), then the {@code publickey} method only — keys of the running
 * {@code ssh-agent} and key files — never a password or keyboard-interactive. Keepalives every
 * {@link #KEEPALIVE} (three missed end the connection).
 *
 * <p>Key order follows {@code ssh}: agent keys matching an {@code IdentityFile} first, then the
 * agent's other keys (not with {@code IdentitiesOnly yes}), then the key files the agent does not
 * hold. Each key is one request; a server's {@code MaxAuthTries} (default 6) counts them.
 */
public final class SshLogin {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration KEEPALIVE = Duration.ofSeconds(10);

  /**
   * What every login needs besides the endpoint.
   *
   * @param knownHosts the admin's {@code known_hosts} ({@code ~/.ssh/known_hosts})
   * @param agentSocket the socket of the {@code ssh-agent} to ask for keys, when one runs
   */
  public record Options(Path knownHosts, SshPrompts prompts, Optional<Path> agentSocket) {
    /** The admin's own: {@code home/.ssh/known_hosts}, the agent of {@code SSH_AUTH_SOCK}. */
    public static Options forHome(Path home, SshPrompts prompts) {
      String sock = System.getenv("SSH_AUTH_SOCK");
      return new Options(
          home.resolve(".ssh/known_hosts"),
          prompts,
          sock == null || sock.isBlank() ? Optional.empty() : Optional.of(Path.of(sock)));
    }
  }

  /**
   * An authenticated connection.
   *
   * @param keyFingerprint {@code SHA256:…} of the key the server accepted
   * @param keySource where that key came from: a file path or {@code ssh-agent}
   * @param hostKey the server's host key, as verified
   */
  public record Connection(
      SSHClient client,
      SshEndpoint endpoint,
      String keyFingerprint,
      String keySource,
      PublicKey hostKey)
      implements Closeable {
    public String hostKeyFingerprint() {
      return KeyFingerprint.sha256(hostKey);
    }

    @Override
    public void close() {
      try {
        client.close();
      } catch (IOException e) {
        // the connection is gone either way
      }
    }
  }

  private SshLogin() {}

  /**
   * Connects and logs in.
   *
   * @param pinnedHostKey when present, the only host key accepted (the same server at another
   *     address): never asked about, never written to {@code known_hosts}
   * @throws HostException {@code UNREACHABLE}, {@code HOST_KEY_CHANGED}, {@code HOST_KEY_UNKNOWN},
   *     {@code AUTH} (no key accepted: the sentence names the methods the server allows)
   */
  public static Connection open(SshEndpoint ep, Options o, Optional<PublicKey> pinnedHostKey)
      throws HostException {
    return open(ep, o, pinnedHostKey, CONNECT_TIMEOUT);
  }

  /**
   * The same, giving up on the TCP connection after {@code connectTimeout} (a reconnect to an
   * address that answered minutes ago waits less than a first connection).
   */
  public static Connection open(
      SshEndpoint ep, Options o, Optional<PublicKey> pinnedHostKey, Duration connectTimeout)
      throws HostException {
    KnownHosts verifier;
    try {
      verifier = new KnownHosts(o.knownHosts(), o.prompts(), pinnedHostKey);
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot read " + o.knownHosts(), e);
    }
    DefaultConfig config = new DefaultConfig();
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    SSHClient client = new SSHClient(config);
    boolean done = false;
    try {
      client.setConnectTimeout((int) connectTimeout.toMillis());
      client.addHostKeyVerifier(verifier);
      // before connecting: sshj starts the keepalive thread only if it is enabled by then (set
      // afterwards it never ran, and a cut link was noticed only by each request's own timeout)
      KeepAliveRunner keepAlive = (KeepAliveRunner) client.getConnection().getKeepAlive();
      keepAlive.setMaxAliveCount(3);
      keepAlive.setKeepAliveInterval((int) KEEPALIVE.toSeconds());
      connect(client, ep, verifier);
      Connection c = authenticate(client, ep, o, verifier.seen().orElseThrow());
      done = true;
      return c;
    } finally {
      if (!done) {
        try {
          client.close();
        } catch (IOException ignored) {
          // not connected
        }
      }
    }
  }

  private static void connect(SSHClient client, SshEndpoint ep, KnownHosts verifier)
      throws HostException {
    String where = ep.hostName() + ":" + ep.port();
    try {
      client.connect(ep.hostName(), ep.port());
      // every command is a few small request/answer packets: without TCP_NODELAY, Nagle's
      // algorithm and the peer's delayed ACK add ~40 ms to each (measured, docs/remote-ssh.md)
      client.getSocket().setTcpNoDelay(true);
    } catch (TransportException e) {
      if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE
          && verifier.refusal().isPresent()) {
        throw verifier.refusal().get();
      }
      throw unreachable(ep, where + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw unreachable(ep, where + ": " + e, e);
    }
  }

  private static Connection authenticate(
      SSHClient client, SshEndpoint ep, Options o, PublicKey hostKey) throws HostException {
    List<String> tried = new ArrayList<>();
    for (Candidate k : candidates(client, ep, o)) {
      tried.add(k.fingerprint().isEmpty() ? k.source() : k.fingerprint());
      try {
        client.auth(ep.user(), k.method());
      } catch (UserAuthException e) {
        continue; // the next key; the server's answer is in getAllowedMethods below
      } catch (TransportException e) {
        throw unreachable(ep, "lost during login: " + e.getMessage(), e);
      }
      if (client.isAuthenticated()) {
        String fp = k.fingerprint().isEmpty() ? publicOf(k) : k.fingerprint();
        return new Connection(client, ep, fp, k.source(), hostKey);
      }
    }
    String allowed = String.join(",", client.getUserAuth().getAllowedMethods());
    throw new HostException(
        HostException.Kind.AUTH,
        ep.user()
            + "@"
            + ep.hostName()
            + ": no key accepted (tried "
            + tried
            + "); server allows "
            + allowed,
        null,
        "host.error.no-key-accepted",
        List.of(
            ep.user(),
            ep.hostName() + ":" + ep.port(),
            String.valueOf(tried.size()),
            allowed.isEmpty() ? "-" : allowed));
  }

  /**
   * One key to try: its method, its fingerprint when known before trying, where it is from, and a
   * key file's provider (null for an agent key).
   */
  private record Candidate(
      AuthMethod method, String fingerprint, String source, KeyProvider provider) {}

  private static List<Candidate> candidates(SSHClient client, SshEndpoint ep, Options o) {
    Optional<AgentClient> agent = o.agentSocket().map(AgentClient::new);
    List<AgentClient.Identity> agentKeys = List.of();
    if (agent.isPresent()) {
      try {
        agentKeys = agent.get().identities();
      } catch (IOException e) {
        agentKeys = List.of(); // an agent that is gone offers no keys, as with ssh
      }
    }
    List<Candidate> first = new ArrayList<>();
    List<Candidate> others = new ArrayList<>();
    List<Candidate> files = new ArrayList<>();
    List<byte[]> filePublic = new ArrayList<>();
    for (Path f : ep.identityFiles()) {
      Optional<PublicKey> pub = KeyFiles.publicHalf(f);
      filePublic.add(pub.map(KeyFingerprint::blob).orElse(null));
      boolean inAgent =
          pub.isPresent()
              && agentKeys.stream()
                  .anyMatch(a -> Arrays.equals(a.blob(), KeyFingerprint.blob(pub.get())));
      if (!inAgent && Files.isRegularFile(f)) {
        try {
          KeyProvider p = KeyFiles.provider(client, f, o.prompts());
          files.add(
              new Candidate(
                  new AuthPublickey(p),
                  pub.map(KeyFingerprint::sha256).orElse(""),
                  f.toString(),
                  p));
        } catch (IOException e) {
          // not a key file sshj reads: skipped, as ssh skips what it cannot load
        }
      }
    }
    for (AgentClient.Identity a : agentKeys) {
      boolean named = filePublic.stream().anyMatch(b -> b != null && Arrays.equals(b, a.blob()));
      Candidate c =
          new Candidate(new AgentAuth(agent.get(), a), a.fingerprint(), "ssh-agent", null);
      if (named) {
        first.add(c);
      } else if (!ep.identitiesOnly()) {
        others.add(c);
      }
    }
    List<Candidate> all = new ArrayList<>(first);
    all.addAll(others);
    all.addAll(files);
    return all;
  }

  /** The fingerprint of a file key whose public half was only known once decrypted. */
  private static String publicOf(Candidate k) {
    try {
      return k.provider() == null ? "" : KeyFingerprint.sha256(k.provider().getPublic());
    } catch (IOException e) {
      return "";
    }
  }

  private static HostException unreachable(SshEndpoint ep, String message, Throwable cause) {
    return new HostException(
        HostException.Kind.UNREACHABLE,
        message,
        cause,
        "host.error.unreachable",
        List.of(ep.hostName() + ":" + ep.port()));
  }
}
