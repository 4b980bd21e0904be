package dev.hermesharden.proof;

import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.host.SshHost;
import dev.hermesharden.host.ssh.LoginProver;
import dev.hermesharden.host.ssh.SshEndpoint;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.model.PollResult;
import dev.hermesharden.model.PollResult.Pending;
import dev.hermesharden.model.PollResult.Proven;
import dev.hermesharden.model.PollResult.Rejected;
import dev.hermesharden.model.ProofChannel;
import dev.hermesharden.model.ProofException;
import dev.hermesharden.model.ProofSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proof channel of remote mode: the wizard logs in <em>itself</em>, over a new SSH connection
 * with keys only ({@link LoginProver}), pinned to the host key of the server it works on. {@code
 * key-login} dials the address the admin gave {@code --remote}; {@code private-path-login} dials
 * the private address ({@code --private-address}, else the server's own address on the private
 * path, e.g. its {@code tailscale0} address). The server's side of the new session decides: its
 * {@code SSH_CONNECTION} must show the way the proof is about ({@link ExpectedPath}, the same rule
 * as a confirm record's), its {@code SSH_USER_AUTH}, where exposed, only {@code publickey}, and an
 * {@code authorized_keys} file sshd reads for the admin must list the key (the evidence rests on
 * it, as locally).
 *
 * <p>A failed login is tried again every {@link #RETRY} until the wait ends (sshd may be
 * restarting, a link coming back); a host key of another server, the wrong path or a key no file
 * lists end the wait. A proven private path is given to the {@link SshHost} as the address to
 * reconnect to when its own address stops answering (the firewall step closes the public one).
 */
public final class RemoteProver implements ProofChannel {
  /** How long after a failed login the next one is made. */
  static final Duration RETRY = Duration.ofSeconds(3);

  /** How long a proof is waited for when no revert window bounds it. */
  static final Duration LIFETIME = Duration.ofMinutes(10);

  private final SshHost host;
  private final LoginProver prover;
  private final Clock clock;
  private final Optional<String> privateAddress;
  private ProofSession current;

  /**
   * @param privateAddress the server's address on the private path as the workstation dials it,
   *     when given ({@code --private-address}); else the server's own address on that path
   */
  public RemoteProver(
      SshHost host, LoginProver prover, Clock clock, Optional<String> privateAddress) {
    this.host = host;
    this.prover = prover;
    this.clock = clock;
    this.privateAddress = privateAddress;
  }

  /** Where a proof of {@code kind} is dialled, for the server's own address on that path. */
  String dialFor(EvidenceKind kind, ExpectedPath path) {
    return kind == EvidenceKind.KEY_LOGIN
        ? host.endpoint().hostName()
        : privateAddress.orElse(path.shownAddress());
  }

  @Override
  public ProofSession begin(EvidenceKind kind, Answers answers) throws ProofException {
    String user = answers.adminUser();
    Server server = server(kind, answers, user);
    PasswdEntry admin = server.admin();
    ExpectedPath path = server.path();
    String address = dialFor(kind, path);
    int port = host.endpoint().port();
    SshEndpoint target = host.endpoint().at(address, port).withUser(user);
    PendingProof ask =
        new PendingProof(
            kind, "", user, address, command(target), clock.instant().plus(LIFETIME), false);
    ProofSession session =
        new ProofSession() {
          private boolean used;
          private Instant lastTry;

          @Override
          public PendingProof ask() {
            return ask;
          }

          @Override
          public PollResult poll() {
            if (current != this) {
              return Rejected.end("proof.local.stale");
            }
            if (used) {
              return Rejected.end("proof.local.used");
            }
            Instant now = clock.instant();
            if (lastTry != null && now.isBefore(lastTry.plus(RETRY))) {
              return new Pending();
            }
            lastTry = now;
            PollResult r = login(kind, target, path, admin);
            used = r instanceof Proven;
            return r;
          }
        };
    current = session;
    return session;
  }

  /** The admin's account and the way a proof of {@code kind} must arrive, read on the server. */
  private record Server(PasswdEntry admin, ExpectedPath path) {}

  private Server server(EvidenceKind kind, Answers answers, String user) throws ProofException {
    for (int attempt = 1; ; attempt++) {
      try {
        PasswdEntry admin =
            PasswdEntry.parseFirst(host.exec("getent", "passwd", user).stdout())
                .orElseThrow(() -> new ProofException("proof.local.no-user", user));
        return new Server(admin, ExpectedPath.onHost(host, kind, answers, Optional.empty()));
      } catch (HostException e) {
        // a read whose connection died under it (sshd restarted) is read again, once, over the
        // connection opened anew; reading twice changes nothing
        if (attempt > 1 || e.kind() != HostException.Kind.UNREACHABLE) {
          throw new ProofException("proof.local.host-error", String.valueOf(e.getMessage()));
        }
      }
    }
  }

  private PollResult login(
      EvidenceKind kind, SshEndpoint target, ExpectedPath path, PasswdEntry admin) {
    LoginProver.Proof p;
    try {
      p = prover.prove(target, Optional.of(host.hostKey()));
    } catch (HostException e) {
      return refusal(e, target);
    }
    try {
      Optional<Rejected> no = ProofJudge.path(path, p.serverAddress(), p.clientAddress());
      if (no.isPresent()) {
        return Rejected.end(no.get().key(), no.get().args().toArray(String[]::new));
      }
      if (!p.authLines().isEmpty()) { // sshd exposes its auth information: it must agree
        no = ProofJudge.method(LoginMethod.fromUserAuth(p.authLines()), true);
        if (no.isPresent()) {
          return Rejected.end(no.get().key(), no.get().args().toArray(String[]::new));
        }
        if (!p.serverConfirmsKey()) {
          return Rejected.end(
              "proof.remote.other-key", p.keyFingerprint(), p.serverKeyFingerprint().orElse("?"));
        }
      }
      Map<String, String> restsOn =
          RecordReader.keyFiles(host, admin, p.clientAddress(), p.keyFingerprint());
      if (restsOn.isEmpty()) {
        return Rejected.end("proof.local.key-not-listed", p.keyFingerprint(), admin.name());
      }
      if (kind == EvidenceKind.PRIVATE_PATH_LOGIN) {
        host.alsoReachableAt(host.endpoint().at(target.hostName(), target.port()));
      }
      return new Proven(
          new Evidence(
              kind,
              p.user(),
              p.keyFingerprint(),
              p.serverAddress(),
              p.clientAddress(),
              clock.instant(),
              restsOn,
              false));
    } catch (HostException e) {
      return Rejected.retry("proof.local.host-error", String.valueOf(e.getMessage()));
    }
  }

  /**
   * A login that did not work: another server's host key ends the wait; anything else (refused,
   * unreachable) may mend while the wait lasts.
   */
  private static Rejected refusal(HostException e, SshEndpoint target) {
    boolean end =
        e.kind() == HostException.Kind.HOST_KEY_CHANGED
            || e.kind() == HostException.Kind.SSH_CONFIG;
    if (e.sentence().isPresent()) {
      return new Rejected(e.sentence().get(), e.sentenceArgs(), end);
    }
    String where = target.user() + "@" + target.hostName() + ":" + target.port();
    return new Rejected("proof.remote.failed", List.of(where, String.valueOf(e.getMessage())), end);
  }

  /** What the wizard does, as the {@code ssh} command an admin would type. */
  static List<String> command(SshEndpoint target) {
    List<String> argv = new ArrayList<>(List.of("ssh"));
    if (target.port() != 22) {
      argv.addAll(List.of("-p", String.valueOf(target.port())));
    }
    argv.addAll(
        List.of(
            "-o",
            "PreferredAuthentications=publickey",
            "-o",
            "PasswordAuthentication=no",
            target.user() + "@" + target.hostName(),
            "printf '%s\\n' \"$SSH_CONNECTION\"; id -un"));
    return argv;
  }
}
