package dev.hermesharden.checks.privatepath;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.tailscale.TailscaleStatus;
import java.util.Optional;

/**
 * {@code private-path.tailscale}: Tailscale is logged in and running, has an IPv4 address in
 * 100.64.0.0/10, and the {@code tailscale0} interface carries it. Not applicable when the admin
 * chose another private path.
 */
public final class TailscaleCheck implements Check<PrivatePath> {
  @Override
  public PrivatePath gather(Host host, StepContext ctx) throws HostException {
    return PrivatePath.gather(host, ctx);
  }

  @Override
  public Verdict evaluate(PrivatePath f, Params params, StepContext ctx) {
    if (!f.kind().equals(PrivatePath.TAILSCALE)) {
      return Verdict.notApplicable("reason.private-path.not-tailscale", f.kind());
    }
    if (f.tailscaleExit() == 127) {
      return Verdict.fail("reason.private-path.tailscale-missing");
    }
    if (f.status().isEmpty()) {
      return Verdict.fail("reason.private-path.tailscale-unknown", f.tailscaleExit());
    }
    TailscaleStatus s = f.status().get();
    if (!s.running()) {
      return Verdict.fail("reason.private-path.tailscale-not-running", s.backendState());
    }
    Cidr range = Cidr.parse(PrivatePath.TAILSCALE_V4);
    Optional<String> ip = f.tailscaleIpv4().stream().filter(range::contains).findFirst();
    if (ip.isEmpty()) {
      return Verdict.fail("reason.private-path.tailscale-no-ip");
    }
    boolean onDevice =
        f.addresses().stream()
            .anyMatch(
                a ->
                    a.device().equals(PrivatePath.TAILSCALE_DEVICE)
                        && a.address().equals(ip.get()));
    if (!onDevice) {
      return Verdict.fail(
          "reason.private-path.tailscale-no-interface", ip.get(), PrivatePath.TAILSCALE_DEVICE);
    }
    return Verdict.pass("reason.private-path.tailscale-ok", ip.get(), s.hostName())
        .with("address", ip.get());
  }
}
