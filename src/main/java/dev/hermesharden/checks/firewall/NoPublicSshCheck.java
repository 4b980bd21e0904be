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
import dev.hermesharden.system.ufw.UfwRule;
import dev.hermesharden.system.ufw.UfwStatus;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code firewall.no-public-ssh}: no rule admits the SSH port from Anywhere outside the private
 * interface. Fails while ufw is inactive too: then every port, SSH included, is open to all.
 */
public final class NoPublicSshCheck implements Check<FirewallFacts> {
  @Override
  public FirewallFacts gather(Host host, StepContext ctx) throws HostException {
    return FirewallFacts.gather(host);
  }

  @Override
  public Verdict evaluate(FirewallFacts facts, Params params, StepContext ctx) {
    String ports = SshPrivateRuleCheck.join(facts.ssh().ports());
    if (facts.status().isEmpty()) {
      return Verdict.fail("reason.firewall.not-installed");
    }
    UfwStatus s = facts.status().get();
    if (!s.active()) {
      return Verdict.fail("reason.firewall.public-ssh-inactive", ports);
    }
    List<UfwRule> open =
        SshExposure.publicRules(s.rules(), facts.ssh().ports(), PrivatePath.of(ctx.answers()));
    if (open.isEmpty()) {
      return Verdict.pass("reason.firewall.public-ssh-none", ports);
    }
    return Verdict.fail("reason.firewall.public-ssh-open", ports, open.size())
        .with("rules", open.stream().map(UfwRule::label).collect(Collectors.joining("; ")));
  }
}
