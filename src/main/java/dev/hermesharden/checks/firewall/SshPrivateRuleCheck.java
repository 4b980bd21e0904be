package dev.hermesharden.checks.firewall;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.LiveFirewall.Attempt;
import dev.hermesharden.system.ufw.PrivatePath;
import dev.hermesharden.system.ufw.SshExposure;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code firewall.ssh-private}: every port sshd listens on is allowed over the private path (on
 * {@code tailscale0}, or from the private CIDR): ufw lists such a rule and the live filter accepts
 * a new connection over that path. A rule listed but not loaded is on disk but not in effect (the
 * admin would be locked out once public SSH closes). Rules of an inactive firewall do not count.
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
    if (!facts.installed()) {
      return Verdict.fail("reason.firewall.not-installed");
    }
    List<Attempt> attempts = new ArrayList<>();
    List<Integer> liveMissing = new ArrayList<>();
    for (int port : facts.ssh().ports()) {
      List<Attempt> a = facts.live().fromPrivatePath(port, path);
      attempts.addAll(a);
      if (!a.isEmpty() && FirewallLive.accepted(a).isEmpty()) {
        liveMissing.add(port);
      }
    }
    Verdict v;
    if (!FirewallLive.active(facts)) {
      v = Verdict.fail("reason.firewall.private-rule-inactive", ports, path.label());
    } else if (facts.status().isEmpty()) {
      v =
          liveMissing.isEmpty() && !attempts.isEmpty()
              ? Verdict.pass("reason.firewall.private-rule-live", ports, path.label())
              : Verdict.fail("reason.firewall.private-rule-missing", ports, path.label());
    } else {
      List<Integer> missing =
          SshExposure.portsWithoutPrivateRule(
              facts.status().get().rules(), facts.ssh().ports(), path);
      boolean liveAllows = !attempts.isEmpty() && missing.stream().noneMatch(liveMissing::contains);
      if (!missing.isEmpty() && liveAllows) {
        v = Verdict.fail("reason.firewall.private-rule-not-on-disk", join(missing), path.label());
      } else if (!missing.isEmpty()) {
        v = Verdict.fail("reason.firewall.private-rule-missing", join(missing), path.label());
      } else if (!liveMissing.isEmpty()) {
        v =
            Verdict.fail(
                "reason.firewall.private-rule-not-in-effect", join(liveMissing), path.label());
      } else {
        v = Verdict.pass("reason.firewall.private-rule-ok", ports, path.label());
      }
    }
    v =
        v.with("ssh-ports", ports)
            .with("port-source", facts.ssh().fromDefault() ? "default" : "sshd -T");
    return FirewallLive.withStatusError(FirewallLive.withLive(v, attempts), facts);
  }

  static String join(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
