package dev.hermesharden.checks.privatepath;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.net.IpAddrShowParser.InterfaceAddress;
import java.util.Optional;

/**
 * {@code private-path.cidr}: when the admin names a private network (VPN, static office IP, bastion
 * net), the server has an address inside it. Not applicable for Tailscale.
 */
public final class CidrCheck implements Check<PrivatePath> {
  @Override
  public PrivatePath gather(Host host, StepContext ctx) throws HostException {
    return PrivatePath.gather(host, ctx);
  }

  @Override
  public Verdict evaluate(PrivatePath f, Params params, StepContext ctx) {
    if (f.kind().equals(PrivatePath.TAILSCALE)) {
      return Verdict.notApplicable("reason.private-path.not-cidr");
    }
    if (!f.kind().equals(PrivatePath.CIDR)) {
      return Verdict.fail("reason.private-path.kind-unknown", f.kind());
    }
    if (f.cidr().isEmpty()) {
      return Verdict.fail("reason.private-path.cidr-missing");
    }
    Optional<Cidr> net = Cidr.tryParse(f.cidr().get());
    if (net.isEmpty()) {
      return Verdict.fail("reason.private-path.cidr-invalid", f.cidr().get());
    }
    Optional<InterfaceAddress> hit =
        f.addresses().stream().filter(a -> net.get().contains(a.address())).findFirst();
    return hit.map(
            a ->
                Verdict.pass("reason.private-path.cidr-ok", a.address(), a.device(), net.get())
                    .with("address", a.address()))
        .orElseGet(() -> Verdict.fail("reason.private-path.cidr-no-address", net.get()));
  }
}
