package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.UfwStatus;
import java.util.List;

/**
 * {@code firewall.default-incoming} / {@code firewall.default-outgoing}: the live default policy of
 * one direction is one of the accepted ones.
 *
 * <p>Params: {@code direction} ({@code incoming}|{@code outgoing}), {@code accept} (policies that
 * pass; incoming defaults to deny/reject, outgoing to allow/deny so a stricter admin choice is left
 * alone). An inactive firewall has no live policy, so it fails.
 */
public final class UfwDefaultPolicyCheck implements Check<FirewallFacts> {
  /** The accepted policies for a direction, from params or the defaults above. */
  public static List<String> accepted(Params params) {
    List<String> accept = params.list("accept");
    if (!accept.isEmpty()) {
      return accept;
    }
    return params.string("direction").equals("incoming")
        ? List.of("deny", "reject")
        : List.of("allow", "deny");
  }

  @Override
  public FirewallFacts gather(Host host, StepContext ctx) throws HostException {
    return FirewallFacts.gather(host);
  }

  @Override
  public Verdict evaluate(FirewallFacts facts, Params params, StepContext ctx) {
    String direction = params.string("direction");
    if (facts.status().isEmpty()) {
      return Verdict.fail("reason.firewall.not-installed");
    }
    UfwStatus s = facts.status().get();
    if (!s.active()) {
      return Verdict.fail("reason.firewall.default-inactive", direction);
    }
    String policy = s.defaultPolicy(direction).orElse("?");
    List<String> accept = accepted(params);
    Verdict v =
        accept.contains(policy)
            ? Verdict.pass("reason.firewall.default-ok", direction, policy)
            : Verdict.fail("reason.firewall.default-wrong", direction, policy, accept.get(0));
    return v.with("policy", policy);
  }
}
