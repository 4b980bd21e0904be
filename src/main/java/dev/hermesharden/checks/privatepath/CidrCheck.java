package dev.hermesharden.checks.privatepath;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.net.IpAddrShowParser.InterfaceAddress;
import dev.hermesharden.system.ufw.PublicAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code private-path.cidr}: when the admin names a private network (VPN, static office IP, bastion
 * net), it is private and the server has an address inside it. Not applicable for Tailscale.
 *
 * <p>A range that holds any public address is no private way in: the firewall step allows SSH from
 * the whole range and its live check counts the range as private, so the provider's own {@code
 * 203.0.113.0/24} (where the server's public address is) let every neighbour in it reach SSH while
 * {@code firewall.no-public-ssh} passed, and {@code 0.0.0.0/0} is the internet.
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
    Optional<String> uplink = uplinkAddressInside(net.get(), f.addresses());
    if (uplink.isPresent()) {
      return Verdict.fail("reason.private-path.cidr-uplink", f.cidr().get().strip(), uplink.get());
    }
    if (net.get().network().length == 4 && PublicAddress.coversPublic(net.get().toString())) {
      return Verdict.fail("reason.private-path.cidr-public", f.cidr().get().strip());
    }
    Optional<InterfaceAddress> hit =
        f.addresses().stream().filter(a -> net.get().contains(a.address())).findFirst();
    return hit.map(
            a ->
                Verdict.pass("reason.private-path.cidr-ok", a.address(), a.device(), net.get())
                    .with("address", a.address()))
        .orElseGet(() -> Verdict.fail("reason.private-path.cidr-no-address", net.get()));
  }

  /**
   * An address inside {@code net} on an interface that faces the internet (one holding a public
   * IPv4 address, as eth0 does): then {@code net} is the provider's network, not a private path.
   */
  private static Optional<String> uplinkAddressInside(Cidr net, List<InterfaceAddress> addresses) {
    Set<String> uplinks = new HashSet<>();
    for (InterfaceAddress a : addresses) {
      if (a.family().equals("inet") && PublicAddress.isPublic(a.address())) {
        uplinks.add(a.device());
      }
    }
    return addresses.stream()
        .filter(a -> uplinks.contains(a.device()) && net.contains(a.address()))
        .map(a -> a.address() + " (" + a.device() + ")")
        .findFirst();
  }
}
