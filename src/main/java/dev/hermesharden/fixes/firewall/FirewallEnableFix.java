package dev.hermesharden.fixes.firewall;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RevertCommand;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.PrivatePath;
import dev.hermesharden.system.ufw.SshExposure;
import dev.hermesharden.system.ufw.UfwDefaultsFile;
import dev.hermesharden.system.ufw.UfwStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code firewall.enable}: IPv6 filtering on, deny incoming / allow outgoing, an SSH allow rule on
 * the private path, then {@code ufw --force enable}. Each action is planned only when its state
 * does not hold yet.
 *
 * <p>While ufw is off, it also adds {@code ufw allow PORT/tcp}: enabling then keeps SSH reachable
 * the way it was, and the public rule is closed by {@code firewall.close-public-ssh} as a second,
 * separately proven step. ufw answers "Skipping adding existing rule" for rules it already has, so
 * adding them blind while inactive (when {@code ufw status} hides the rules) is harmless.
 */
public final class FirewallEnableFix implements Fix {
  public static final String ID = "firewall.enable";
  private static final Map<String, String> FILE_POLICY =
      Map.of("DROP", "deny", "REJECT", "reject", "ACCEPT", "allow");

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    FirewallFacts f = FirewallFacts.gather(host);
    PrivatePath path = PrivatePath.of(ctx.answers());
    List<PlannedAction> actions = new ArrayList<>();
    if (f.status().isEmpty()) {
      actions.add(
          RunCommand.of("apt-get", "-y", "install", "ufw").withTimeout(Duration.ofMinutes(5)));
    }
    boolean active = f.status().map(UfwStatus::active).orElse(false);
    String file = f.defaultsFile().orElse("");
    boolean ipv6Changed = !UfwDefaultsFile.get(file, "IPV6").orElse("").equals("yes");
    if (ipv6Changed) {
      actions.add(
          new WriteFile(
              UfwDefaultsFile.PATH,
              f.defaultsFile(),
              UfwDefaultsFile.set(file, "IPV6", "yes"),
              FileAttrs.KEEP));
    }
    // on an active ufw, `ufw default` changes the live policy and ufw's file at once, outside the
    // plan's files: the revert sets the policy it had (an active ufw's status names it)
    List<RevertCommand> policyBack = new ArrayList<>();
    String incoming = policy(f, file, "incoming", "DEFAULT_INPUT_POLICY");
    if (!List.of("deny", "reject").contains(incoming)) {
      actions.add(RunCommand.of("ufw", "default", "deny", "incoming"));
      if (FILE_POLICY.containsValue(incoming)) {
        policyBack.add(RevertCommand.of("ufw", "default", incoming, "incoming"));
      }
    }
    String outgoing = policy(f, file, "outgoing", "DEFAULT_OUTPUT_POLICY");
    if (!List.of("allow", "deny").contains(outgoing)) {
      actions.add(RunCommand.of("ufw", "default", "allow", "outgoing"));
      if (FILE_POLICY.containsValue(outgoing)) {
        policyBack.add(RevertCommand.of("ufw", "default", outgoing, "outgoing"));
      }
    }
    List<Integer> ports = f.ssh().ports();
    List<Integer> missing =
        active ? SshExposure.portsWithoutPrivateRule(f.status().get().rules(), ports, path) : ports;
    for (int port : missing) {
      actions.add(RunCommand.of(privateRule(path, port)));
    }
    if (!active) {
      for (int port : ports) {
        actions.add(RunCommand.of("ufw", "allow", port + "/tcp"));
      }
      actions.add(RunCommand.of("ufw", "--force", "enable"));
    } else if (ipv6Changed) {
      actions.add(RunCommand.of("ufw", "reload"));
    }
    // ufw keeps its rules in its own files, which ufw itself rewrites: the revert turns the
    // firewall off again (the state before) rather than restoring files behind ufw's back. Rules
    // only added while it was active can lock nobody out, so they need no revert; a default
    // policy changed while it was active can (`default allow incoming` was the way in), so it is
    // set back. It used to be left at deny: the revert fired, logged "done: reverted", and public
    // SSH stayed closed (LockoutHostileSandboxTest).
    List<RevertCommand> revert = new ArrayList<>();
    if (active) {
      revert.addAll(policyBack);
      if (ipv6Changed) {
        revert.add(RevertCommand.of("ufw", "reload"));
      }
    } else {
      revert.add(RevertCommand.of("ufw", "--force", "disable"));
    }
    return new Plan(ID, actions).withRevert(revert);
  }

  /** argv of the rule admitting {@code port} over the private path only. */
  public static String[] privateRule(PrivatePath path, int port) {
    String p = String.valueOf(port);
    return path.iface().isPresent()
        ? new String[] {
          "ufw", "allow", "in", "on", path.iface().get(), "to", "any", "port", p, "proto", "tcp"
        }
        : new String[] {
          "ufw", "allow", "from", path.cidr(), "to", "any", "port", p, "proto", "tcp"
        };
  }

  /** The live policy when active, else what {@code /etc/default/ufw} will apply on enable. */
  private static String policy(FirewallFacts f, String file, String direction, String key) {
    Optional<String> live =
        f.status().filter(UfwStatus::active).flatMap(s -> s.defaultPolicy(direction));
    return live.orElseGet(
        () -> FILE_POLICY.getOrDefault(UfwDefaultsFile.get(file, key).orElse(""), "?"));
  }
}
