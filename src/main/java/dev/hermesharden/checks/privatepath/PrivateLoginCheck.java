package dev.hermesharden.checks.privatepath;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.sshkeys.KeyLoginCheck;
import dev.hermesharden.checks.sshkeys.LoginProof;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.Cidr;
import java.util.Optional;

/**
 * {@code private-path.login}: a key-only login as the admin over the private path was proven
 * recently. The proof's server address must lie in the private path (the node's Tailscale
 * addresses, or the chosen CIDR): a login to the public address proves nothing about the path that
 * stays open once the firewall closes the public one.
 */
public final class PrivateLoginCheck implements Check<PrivateLoginCheck.Facts> {
  @Override
  public ParamSchema schema() {
    return KeyLoginCheck.PROOF_SCHEMA;
  }

  /** The proof plus the private path it must have used. */
  public record Facts(LoginProof proof, PrivatePath path) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    LoginProof proof =
        LoginProof.gather(host, ctx, EvidenceKind.PRIVATE_PATH_LOGIN, ctx.answers().adminUser());
    return new Facts(proof, PrivatePath.gather(host, ctx));
  }

  @Override
  public Verdict evaluate(Facts f, Params params, StepContext ctx) {
    String user = ctx.answers().adminUser();
    if (f.proof().evidence().isEmpty()) {
      return Verdict.fail("reason.private-path.login-missing", user);
    }
    Evidence e = f.proof().evidence().get();
    Optional<Verdict> stale = KeyLoginCheck.staleVerdict(e, f.proof(), params, ctx, "private-path");
    if (stale.isPresent()) {
      return stale.get();
    }
    if (!onPrivatePath(e.serverAddress(), f.path())) {
      return Verdict.fail("reason.private-path.login-public", e.serverAddress())
          .with("server", e.serverAddress());
    }
    return Verdict.pass("reason.private-path.login-ok", user, e.serverAddress(), e.at())
        .with("server", e.serverAddress());
  }

  static boolean onPrivatePath(String server, PrivatePath p) {
    if (p.kind().equals(PrivatePath.CIDR)) {
      return p.cidr().flatMap(Cidr::tryParse).map(c -> c.contains(server)).orElse(false);
    }
    if (!p.kind().equals(PrivatePath.TAILSCALE)) {
      return false;
    }
    // the node's own Tailscale addresses when Tailscale tells us; its ranges otherwise
    if (p.status().isPresent() && !p.status().get().ips().isEmpty()) {
      return p.status().get().ips().stream()
          .anyMatch(ip -> Cidr.tryParse(ip).map(c -> c.contains(server)).orElse(false));
    }
    if (!p.tailscaleIpv4().isEmpty()) {
      return p.tailscaleIpv4().stream()
          .anyMatch(ip -> Cidr.tryParse(ip).map(c -> c.contains(server)).orElse(false));
    }
    return false;
  }
}
