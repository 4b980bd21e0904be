package dev.hermesharden.fixes.firewall;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RevertCommand;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.PrivatePath;
import dev.hermesharden.system.ufw.SshExposure;
import dev.hermesharden.system.ufw.SshPortReader;
import dev.hermesharden.system.ufw.UfwRule;
import dev.hermesharden.system.ufw.UfwStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code firewall.close-public-ssh}: deletes every rule that opens SSH to the internet, by its
 * number in {@code ufw status numbered}, highest number first (each delete renumbers the rules
 * after it). If a port has no private rule yet, the plan adds it, so closing never leaves SSH
 * unreachable from the proven path. Nothing to do while ufw is inactive: enabling comes first.
 */
public final class ClosePublicSshFix implements Fix {
  public static final String ID = "firewall.close-public-ssh";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    UfwStatus numbered = FirewallFacts.status(host, "numbered").orElse(UfwStatus.INACTIVE);
    if (!numbered.active()) {
      return Plan.nothing(ID);
    }
    List<Integer> ports = SshPortReader.read(host).ports();
    PrivatePath path = PrivatePath.of(ctx.answers());
    List<UfwRule> open = new ArrayList<>(SshExposure.publicRules(numbered.rules(), ports, path));
    if (open.isEmpty()) {
      return Plan.nothing(ID);
    }
    List<PlannedAction> actions = new ArrayList<>();
    open.sort(Comparator.comparingInt(UfwRule::number).reversed());
    for (UfwRule r : open) {
      actions.add(RunCommand.of("ufw", "--force", "delete", String.valueOf(r.number())));
    }
    // Added after the deletes: a new rule gets a v4 and a v6 entry, and the v6 one would shift
    // the numbers of v6 rules still to be deleted. Open sessions survive the short gap (ufw keeps
    // established connections).
    for (int port : SshExposure.portsWithoutPrivateRule(numbered.rules(), ports, path)) {
      actions.add(RunCommand.of(FirewallEnableFix.privateRule(path, port)));
    }
    // Revert: open SSH to everyone again on each port whose public rule is deleted (ufw answers
    // "Skipping adding existing rule" when it is still there, so running it twice is harmless).
    List<RevertCommand> revert = new ArrayList<>();
    for (int port : ports) {
      if (open.stream().anyMatch(r -> r.coversTcpPort(port))) {
        revert.add(RevertCommand.of("ufw", "allow", port + "/tcp"));
      }
    }
    return new Plan(ID, actions).withRevert(revert);
  }
}
