package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.UfwDefaultsFile;

/**
 * {@code firewall.ipv6}: {@code IPV6=yes} in {@code /etc/default/ufw}, so the rules also filter
 * IPv6; with {@code no}, a VPS with an IPv6 address leaves every port open over IPv6.
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
    return (value.equals("yes")
            ? Verdict.pass("reason.firewall.ipv6-on")
            : Verdict.fail("reason.firewall.ipv6-off", value.isEmpty() ? "-" : value))
        .with("source", UfwDefaultsFile.PATH);
  }
}
