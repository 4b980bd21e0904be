package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;

/** {@code firewall.active}: ufw is installed and {@code Status: active}. */
public final class UfwActiveCheck implements Check<FirewallFacts> {
  @Override
  public FirewallFacts gather(Host host, StepContext ctx) throws HostException {
    return FirewallFacts.gather(host);
  }

  @Override
  public Verdict evaluate(FirewallFacts facts, Params params, StepContext ctx) {
    if (facts.status().isEmpty()) {
      return Verdict.fail("reason.firewall.not-installed");
    }
    return facts.status().get().active()
        ? Verdict.pass("reason.firewall.active")
        : Verdict.fail("reason.firewall.inactive");
  }
}
