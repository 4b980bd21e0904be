package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.netfilter.FilterEvaluator;
import dev.hermesharden.system.netfilter.Packet;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.UfwDefaultsFile;

/**
 * {@code firewall.ipv6}: nothing ufw closes is open over IPv6. With {@code IPV6=yes} in {@code
 * /etc/default/ufw} and ufw's IPv6 chains loaded, the same rules filter IPv6. With {@code IPV6=no}
 * ufw drops all IPv6 except loopback: nothing is open over IPv6, but IPv6 does not work either — a
 * PASS that recommends {@code yes}. {@code IPV6=yes} in the file while ufw still runs the rules of
 * an enable with {@code no} is on disk but not in effect ({@code ufw status} then fails too).
 */
public final class UfwIpv6Check implements Check<FirewallFacts> {
  @Override
  public FirewallFacts gather(Host host, StepContext ctx) throws HostException {
    return FirewallFacts.gather(host);
  }

  @Override
  public Verdict evaluate(FirewallFacts facts, Params params, StepContext ctx) {
    if (facts.defaultsFile().isEmpty()) {
      return Verdict.fail("reason.firewall.ipv6-no-file", UfwDefaultsFile.PATH);
    }
    String value = UfwDefaultsFile.get(facts.defaultsFile().get(), "IPV6").orElse("");
    boolean active = FirewallLive.active(facts);
    boolean dropsAll = active && dropsAllIpv6(facts);
    Verdict v;
    if (value.equals("yes")) {
      if (active && facts.live().v6().isPresent() && !facts.live().ufw6Loaded()) {
        v =
            dropsAll
                ? Verdict.fail("reason.firewall.ipv6-not-loaded-dropped")
                : Verdict.fail("reason.firewall.ipv6-not-loaded");
      } else {
        v = Verdict.pass("reason.firewall.ipv6-on");
      }
    } else if (dropsAll) {
      v = Verdict.pass("reason.firewall.ipv6-dropped", value.isEmpty() ? "-" : value);
    } else {
      v = Verdict.fail("reason.firewall.ipv6-off", value.isEmpty() ? "-" : value);
    }
    if (facts.live().v6().isPresent()) {
      v =
          v.with("live", "ufw6 chains loaded: " + (facts.live().ufw6Loaded() ? "yes" : "no"))
              .with("ipv6-new-connections", dropsAll ? "all dropped" : "not all dropped");
    }
    return FirewallLive.withStatusError(v.with("source", UfwDefaultsFile.PATH), facts);
  }

  /** Whether the live IPv6 filter drops every new connection from outside, whatever the port. */
  private static boolean dropsAllIpv6(FirewallFacts facts) {
    if (facts.live().v6().isEmpty()) {
      return false;
    }
    java.util.Set<String> devices = new java.util.TreeSet<>();
    facts.live().addresses().stream()
        .map(a -> a.device())
        .filter(d -> !d.equals("lo"))
        .forEach(devices::add);
    if (devices.isEmpty()) {
      devices.add("eth0");
    }
    for (String dev : devices) {
      for (int port : new int[] {22, UfwDefaultPolicyCheck.UNUSED_PORT}) {
        Packet p = Packet.tcpInFromAnyPort(dev, "2001:db8:ffff::77", "2001:db8::1", port);
        if (FilterEvaluator.reachable(facts.live().v6().get(), "INPUT", p).isPresent()) {
          return false;
        }
      }
    }
    return true;
  }
}
