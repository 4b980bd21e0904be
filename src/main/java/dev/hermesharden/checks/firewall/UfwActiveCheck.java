package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;

/**
 * {@code firewall.active}: ufw is installed and its rules are loaded. {@code ufw status} says so by
 * looking for its chains in the kernel; when it fails (IPV6 switched on in the file after ufw was
 * enabled without it), the live filter answers the same question.
 */
public final class UfwActiveCheck implements Check<FirewallFacts> {
  @Override
  public FirewallFacts gather(Host host, StepContext ctx) throws HostException {
    return FirewallFacts.gather(host);
  }

  @Override
  public Verdict evaluate(FirewallFacts facts, Params params, StepContext ctx) {
    if (!facts.installed()) {
      return Verdict.fail("reason.firewall.not-installed");
    }
    Verdict v;
    if (facts.status().isPresent()) {
      v =
          facts.status().get().active()
              ? Verdict.pass("reason.firewall.active")
              : Verdict.fail("reason.firewall.inactive");
    } else {
      String error = facts.statusError().orElse("").lines().findFirst().orElse("");
      v =
          facts.live().ufwLoaded()
              ? Verdict.pass("reason.firewall.active-live", error)
              : Verdict.fail("reason.firewall.inactive-live", error);
    }
    if (facts.live().known()) {
      v = v.with("live", "ufw chains loaded: " + (facts.live().ufwLoaded() ? "yes" : "no"));
    }
    return FirewallLive.withStatusError(v, facts);
  }
}
