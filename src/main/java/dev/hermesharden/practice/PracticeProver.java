package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Prover;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.system.accounts.PasswdEntry;
import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import dev.hermesharden.system.sshkeys.AuthorizedKey;
import dev.hermesharden.system.sshkeys.AuthorizedKeysFiles;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import dev.hermesharden.system.ufw.UfwRule;
import dev.hermesharden.system.ufw.UfwStatus;
import dev.hermesharden.system.ufw.UfwStatusParser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logs in to the practice VPS from the {@link PracticeWorkstation} the way OpenSSH would decide it:
 * the firewall must let the connection in, sshd (effective config for this user and address) must
 * take public keys and allow the user, and the workstation's key must be in a file sshd reads, with
 * modes StrictModes accepts. Only then is evidence recorded, marked simulated.
 */
public final class PracticeProver implements Prover {
  private static final int SSH_PORT = 22;

  private final SimulatedHost host;
  private final Clock clock;

  public PracticeProver(SimulatedHost host, Clock clock) {
    this.host = host;
    this.clock = clock;
  }

  /** Which way the login comes in. */
  private record Path(String server, String client, String iface) {}

  @Override
  public boolean automatic() {
    return true;
  }

  @Override
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
