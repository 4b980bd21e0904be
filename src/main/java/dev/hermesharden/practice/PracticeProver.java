package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.model.PollResult;
import dev.hermesharden.model.PollResult.Rejected;
import dev.hermesharden.model.ProofChannel;
import dev.hermesharden.model.ProofSession;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.proof.LocalProver;
import dev.hermesharden.proof.ProofToken;
import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.AuthorizedKeysFiles;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import dev.hermesharden.system.ufw.UfwRule;
import dev.hermesharden.system.ufw.UfwStatus;
import dev.hermesharden.system.ufw.UfwStatusParser;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proof channel of the practice VPS: {@link #begin} shows the same command and token a real
 * server would ask for (so practice teaches the real flow), and the first {@link ProofSession#poll}
 * logs in from the {@link PracticeWorkstation} the way OpenSSH would decide it: the firewall must
 * let the connection in, sshd (effective config for this user and address) must take public keys
 * and allow the user, and the workstation's key must be in a file sshd reads, with modes
 * StrictModes accepts. Only then is evidence recorded, marked simulated; a failed login ends the
 * session (the practice VPS does not change while the wizard waits, so trying again cannot help).
 */
public final class PracticeProver implements ProofChannel {
  private static final int SSH_PORT = 22;

  private final Host host;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public PracticeProver(Host host, Clock clock) {
    this.host = host;
    this.clock = clock;
  }

  /** Which way the login comes in. */
  private record Path(String server, String client, String iface) {}

  /** One login attempt: the evidence, or why it did not work (i18n key and arguments). */
  public record Attempt(Optional<Evidence> evidence, String failureKey, List<String> failureArgs) {
    public Attempt {
      failureArgs = List.copyOf(failureArgs);
    }

    static Attempt proven(Evidence e) {
      return new Attempt(Optional.of(e), "", List.of());
    }

    static Attempt failed(String key, String... args) {
      return new Attempt(Optional.empty(), key, List.of(args));
    }
  }

  @Override
  public ProofSession begin(EvidenceKind kind, Answers answers) {
    String user = answers.adminUser();
    String address =
        kind == EvidenceKind.KEY_LOGIN
            ? PracticeWorkstation.VPS_PUBLIC_ADDRESS
            : PracticeWorkstation.VPS_TAILNET_ADDRESS;
    ProofToken token =
        ProofToken.generate(random, kind, user, clock.instant(), ProofToken.DEFAULT_LIFETIME);
    PendingProof ask =
        new PendingProof(
            kind,
            token.value(),
            user,
            address,
            LocalProver.command(user, address, LocalProver.Settings.defaults()),
            token.expires(),
            false);
    return new ProofSession() {
      private boolean done;

      @Override
      public PendingProof ask() {
        return ask;
      }

      @Override
      public PollResult poll() {
        if (done) {
          return Rejected.end("proof.local.used");
        }
        done = true;
        Attempt a = attempt(kind, answers);
        return a.evidence().isPresent()
            ? new PollResult.Proven(a.evidence().get())
            : Rejected.end(a.failureKey(), a.failureArgs().toArray(String[]::new));
      }
    };
  }

  /** Logs in from the practice workstation now. */
  public Attempt attempt(EvidenceKind kind, Answers answers) {
    try {
      return login(kind, answers.adminUser());
    } catch (HostException | RuntimeException e) {
      return Attempt.failed("proof.practice.error", String.valueOf(e.getMessage()));
    }
  }

  private Attempt login(EvidenceKind kind, String user) throws HostException {
    Optional<Path> path = pathFor(kind);
    if (path.isEmpty()) {
      return Attempt.failed("proof.practice.no-tailnet");
    }
    Path p = path.get();
    if (!firewallAdmits(p)) {
      return Attempt.failed("proof.practice.firewall", p.server());
    }
    Optional<PasswdEntry> account =
        PasswdEntry.parseFirst(host.exec("getent", "passwd", user).stdout());
    if (account.isEmpty()) {
      return Attempt.failed("proof.practice.no-user", user);
    }
    ExecResult dump =
        host.exec(
            "sshd", "-T", "-C", "user=" + user + ",host=" + p.client() + ",addr=" + p.client());
    if (!dump.ok()) {
      return Attempt.failed("proof.practice.sshd-broken");
    }
    SshdEffectiveConfig sshd = SshdEffectiveConfig.parse(dump.stdout());
    if (!sshd.first("pubkeyauthentication").orElse("yes").equals("yes")) {
      return Attempt.failed("proof.practice.no-pubkey");
    }
    if (!sshd.words("allowusers").isEmpty() && !sshd.allowUsersPermits(user)) {
      return Attempt.failed("proof.practice.allow-users", user);
    }
    if (user.equals("root") && sshd.first("permitrootlogin").orElse("").equals("no")) {
      return Attempt.failed("proof.practice.root", user);
    }
    PasswdEntry a = account.get();
    List<String> files =
        AuthorizedKeysFiles.resolve(
            AuthorizedKeysFiles.fromSshdT(dump.stdout()).orElse(AuthorizedKeysFiles.DEFAULT),
            user,
            a.uid(),
            a.home());
    for (String file : files) {
      Optional<String> text = host.readFile(file);
      if (text.isEmpty() || !hasWorkstationKey(text.get())) {
        continue;
      }
      Optional<String> badMode = strictModesProblem(file, a);
      if (badMode.isPresent()) {
        return Attempt.failed("proof.practice.modes", badMode.get());
      }
      return Attempt.proven(
          new Evidence(
              kind,
              user,
              PracticeWorkstation.FINGERPRINT,
              p.server(),
              p.client(),
              clock.instant(),
              Map.of(file, Sha256.hex(text.get())),
              true));
    }
    return Attempt.failed("proof.practice.no-key", user, PracticeWorkstation.FINGERPRINT);
  }

  private Optional<Path> pathFor(EvidenceKind kind) throws HostException {
    if (kind == EvidenceKind.KEY_LOGIN) {
      return Optional.of(
          new Path(
              PracticeWorkstation.VPS_PUBLIC_ADDRESS, PracticeWorkstation.PUBLIC_ADDRESS, "eth0"));
    }
    ExecResult ip = host.exec("tailscale", "ip", "-4");
    if (!ip.ok() || !ip.stdout().contains(PracticeWorkstation.VPS_TAILNET_ADDRESS)) {
      return Optional.empty();
    }
    return Optional.of(
        new Path(
            PracticeWorkstation.VPS_TAILNET_ADDRESS,
            PracticeWorkstation.TAILNET_ADDRESS,
            "tailscale0"));
  }

  /** ufw off, or an ALLOW rule for port 22 that matches this interface and source address. */
  private boolean firewallAdmits(Path p) throws HostException {
    UfwStatus status = UfwStatusParser.parse(host.exec("ufw", "status", "verbose").stdout());
    if (!status.active() || status.defaultPolicy("incoming").orElse("deny").equals("allow")) {
      return true;
    }
    for (UfwRule r : status.rules()) {
      boolean ifaceOk = r.iface().map(i -> i.equals(p.iface())).orElse(true);
      boolean sourceOk =
          r.fromAnywhere()
              || Cidr.tryParse(r.from()).map(c -> c.contains(p.client())).orElse(false);
      if (!r.v6() && r.admitsIncoming() && r.coversTcpPort(SSH_PORT) && ifaceOk && sourceOk) {
        return true;
      }
    }
    return false;
  }

  /** The workstation's key is listed without a {@code from=} that would keep it out. */
  private static boolean hasWorkstationKey(String authorizedKeys) {
    for (AuthorizedKey k : AuthorizedKeysParser.parse(authorizedKeys).keys()) {
      if (k.key().fingerprint().equals(PracticeWorkstation.FINGERPRINT)) {
        return !k.options().contains("from=");
      }
    }
    return false;
  }

  /**
   * OpenSSH's StrictModes: the file, ~/.ssh and home owned by the user (or root), not writable by
   * others.
   */
  private Optional<String> strictModesProblem(String file, PasswdEntry a) throws HostException {
    String dir = SimFs.parent(file);
    for (String path : List.of(file, dir, a.home())) {
      Optional<FileStat> st = host.stat(path);
      if (st.isEmpty()) {
        continue;
      }
      boolean ownerOk = st.get().owner().equals(a.name()) || st.get().owner().equals("root");
      if (!ownerOk || (st.get().mode() & 0022) != 0) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }
}
