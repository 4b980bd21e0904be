package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.PrivatePath;
import dev.hermesharden.system.ufw.SshExposure;
import dev.hermesharden.system.ufw.UfwStatus;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code firewall.ssh-private}: every port sshd listens on has an active allow rule scoped to the
 * private path (on {@code tailscale0}, or from the private CIDR). Rules of an inactive firewall are
 * not in effect, so they do not count.
 */
public final class SshPrivateRuleCheck implements Check<FirewallFacts> {
  @Override
  public FirewallFacts gather(Host host, StepContext ctx) throws HostException {
    return FirewallFacts.gather(host);
  }

  @Override
  public Verdict evaluate(FirewallFacts facts, Params params, StepContext ctx) {
    PrivatePath path = PrivatePath.of(ctx.answers());
    String ports = join(facts.ssh().ports());
    if (facts.status().isEmpty()) {
      return Verdict.fail("reason.firewall.not-installed");
    }
    UfwStatus s = facts.status().get();
    Verdict v;
    if (!s.active()) {
      v = Verdict.fail("reason.firewall.private-rule-inactive", ports, path.label());
    } else {
      List<Integer> missing =
          SshExposure.portsWithoutPrivateRule(s.rules(), facts.ssh().ports(), path);
      v =
          missing.isEmpty()
              ? Verdict.pass("reason.firewall.private-rule-ok", ports, path.label())
              : Verdict.fail("reason.firewall.private-rule-missing", join(missing), path.label());
    }
    return v.with("ssh-ports", ports)
        .with("port-source", facts.ssh().fromDefault() ? "default" : "sshd -T");
  }

  static String join(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
