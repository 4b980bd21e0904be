package dev.hermesharden.host.ssh;

import dev.hermesharden.host.HostException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;

/**
 * Proves that a key-only login works by making one: a <em>new</em> connection (never the one the
 * wizard works over) to a given address as a given user, with the {@code publickey} method only (no
 * password, no keyboard-interactive: {@link SshLogin}), and one tiny command in that session that
 * reports the server's side of it: {@code $SSH_CONNECTION} (which server address and port the
 * server saw the login arrive on, and from where), the account ({@code id -un}), and {@code
 * $SSH_USER_AUTH} when sshd has {@code ExposeAuthInfo yes} (the methods and the key sshd itself
 * accepted). The connection is closed at once.
 *
 * <p>Contract: a returned {@link Proof} means that server (host key pinned to the one the wizard is
 * connected to, when given) let {@code user} in with a key alone, now; every other outcome is a
 * {@link HostException} ({@code AUTH} when no key was accepted — also when a password would have
 * been — {@code UNREACHABLE}, {@code HOST_KEY_CHANGED}, {@code IO} when the session's report is not
 * what an OpenSSH server gives). It judges nothing else: which address counts for which proof is
 * the caller's rule.
 */
public final class LoginProver {
  static final Duration COMMAND_WAIT = Duration.ofSeconds(20);
  static final String MARK = "hermes-harden-proof 1";

  /** The command the server's login shell runs: POSIX sh, no data of ours in it. */
  static final String PROBE =
      "printf '%s\\n' '"
          + MARK
          + "' \"$SSH_CONNECTION\"; id -un; "
          + "if [ -n \"$SSH_USER_AUTH\" ] && [ -r \"$SSH_USER_AUTH\" ]; then cat -- \"$SSH_USER_AUTH\";"
          + " fi";

  /**
   * What the new session showed.
   *
   * @param user the account the server ran the session as ({@code id -un})
   * @param keyFingerprint the key the server accepted, as the client offered it
   * @param authLines the lines of {@code $SSH_USER_AUTH} ({@code publickey ssh-ed25519 AAAA…}),
   *     empty when sshd does not expose them
   * @param serverAddress where the server saw the login arrive (field 3 of {@code SSH_CONNECTION})
   * @param clientAddress where the server saw it come from (field 1)
   * @param dialled the address and port this side connected to
   */
  public record Proof(
      String user,
      String keyFingerprint,
      List<String> authLines,
      String serverAddress,
      int serverPort,
      String clientAddress,
      int clientPort,
      String dialled,
      String hostKeyFingerprint,
      Instant at) {
    public Proof {
      authLines = List.copyOf(authLines);
    }

    /**
     * sshd itself said so: it exposed its auth information, every method was {@code publickey}, and
     * the last key it accepted is the one this side used.
     */
    public boolean serverConfirmsKey() {
      return !authLines.isEmpty()
          && authLines.stream().allMatch(l -> l.startsWith("publickey "))
          && serverKeyFingerprint().equals(Optional.of(keyFingerprint));
    }

    /** The fingerprint of the last key in {@code $SSH_USER_AUTH}, when there is one. */
    public Optional<String> serverKeyFingerprint() {
      for (int i = authLines.size() - 1; i >= 0; i--) {
        String[] f = authLines.get(i).split("\\s+");
        if (f.length >= 3 && f[0].equals("publickey")) {
          try {
            byte[] blob = Base64.getDecoder().decode(f[2]);
            new Buffer.PlainBuffer(blob).readPublicKey(); // a key, not just base64
            return Optional.of(KeyFingerprint.sha256(blob));
          } catch (IllegalArgumentException | Buffer.BufferException e) {
            return Optional.empty();
          }
        }
      }
      return Optional.empty();
    }
  }

  private final SshLogin.Options options;

  public LoginProver(SshLogin.Options options) {
    this.options = options;
  }

  /**
   * Logs in to {@code endpoint} (its host name, port and user) and back out.
   *
   * @param sameServerAs the host key of the server the wizard is connected to: the new connection
   *     must meet exactly that key (no prompt); empty to check {@code known_hosts} as usual
   */
  public Proof prove(SshEndpoint endpoint, Optional<PublicKey> sameServerAs) throws HostException {
    try (SshLogin.Connection c = SshLogin.open(endpoint, options, sameServerAs)) {
      RemoteRun.Output out =
          RemoteRun.run(c.client(), PROBE, new byte[0], COMMAND_WAIT, 64 * 1024, 64 * 1024);
      String text = new String(out.stdout(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(text.lines().toList());
      int mark = lines.indexOf(MARK); // a login banner or shell greeting may come first
      if (out.exitCode() != 0 || mark < 0 || lines.size() < mark + 3) {
        throw malformed(endpoint, "exit " + out.exitCode() + ": " + text.strip());
      }
      String[] conn = lines.get(mark + 1).strip().split("\\s+");
      if (conn.length != 4) {
        throw malformed(endpoint, "SSH_CONNECTION is '" + lines.get(mark + 1) + "'");
      }
      String user = lines.get(mark + 2).strip();
      if (!user.equals(endpoint.user())) {
        throw new HostException(
            HostException.Kind.AUTH,
            "logged in to " + endpoint.hostName() + " as " + user + ", not " + endpoint.user());
      }
      List<String> auth =
          lines.subList(mark + 3, lines.size()).stream().filter(l -> !l.isBlank()).toList();
      try {
        return new Proof(
            user,
            c.keyFingerprint(),
            auth,
            conn[2],
            Integer.parseInt(conn[3]),
            conn[0],
            Integer.parseInt(conn[1]),
            endpoint.hostName() + ":" + endpoint.port(),
            c.hostKeyFingerprint(),
            Instant.now());
      } catch (NumberFormatException e) {
        throw malformed(endpoint, "SSH_CONNECTION is '" + lines.get(mark + 1) + "'");
      }
    }
  }

  private static HostException malformed(SshEndpoint ep, String what) {
    return new HostException(
        HostException.Kind.IO, "the proof session on " + ep.hostName() + " answered: " + what);
  }
}
