package dev.hermesharden.fixes.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RevertCommand;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.testing.PlanApplier;
import dev.hermesharden.testing.StepChecks;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FirewallFixesTest {
  /** The firewall step's check ids, as its step file names them. */
  private static final List<String> CHECKS =
      StepChecks.step("firewall").checks().stream().map(c -> c.id()).toList();

  static Stream<StepContext> paths() {
    return Stream.of(
        StepContext.of(Answers.EMPTY.with(Answers.PRIVATE_PATH_KIND, "tailscale")),
        StepContext.of(
            Answers.EMPTY
                .with(Answers.PRIVATE_PATH_KIND, "cidr")
                .with(Answers.PRIVATE_PATH_CIDR, "100.64.0.0/10")));
  }

  private static Status run(SimulatedHost host, String id, StepContext ctx) throws HostException {
    return StepChecks.run(Catalog.standard(), id, host, ctx).status();
  }

  private static List<String> commands(Plan p) {
    return p.actions().stream()
        .filter(RunCommand.class::isInstance)
        .map(a -> ((RunCommand) a).commandLine())
        .toList();
  }

  @ParameterizedTest
  @MethodSource("paths")
  void freshVpsFailsEveryCheckThenEnableAndCloseMakeThemPass(StepContext ctx) throws HostException {
    SimulatedHost host = SimulatedHost.fresh();
    for (String id : CHECKS) {
      assertEquals(Status.FAIL, run(host, id, ctx), id + " on the fresh VPS");
    }
    Plan enable = new FirewallEnableFix().plan(host, Params.NONE, ctx);
    boolean tailscale = ctx.answers().get(Answers.PRIVATE_PATH_KIND).orElse("").equals("tailscale");
    String privateRule =
        tailscale
            ? "ufw allow in on tailscale0 to any port 22 proto tcp"
            : "ufw allow from 100.64.0.0/10 to any port 22 proto tcp";
    // stock Ubuntu policies already deny incoming / allow outgoing, so no `ufw default` here
    assertEquals(List.of(privateRule, "ufw allow 22/tcp", "ufw --force enable"), commands(enable));
    WriteFile ipv6 = (WriteFile) enable.actions().get(0);
    assertEquals("/etc/default/ufw", ipv6.path());
    assertTrue(ipv6.diff().contains("-IPV6=no\n+IPV6=yes\n"), ipv6.diff());
    PlanApplier.apply(host, enable);

    for (String id :
        List.of(
            "firewall.active",
            "firewall.default-incoming",
            "firewall.default-outgoing",
            "firewall.ipv6",
            "firewall.ssh-private")) {
      assertEquals(Status.PASS, run(host, id, ctx), id + " after enable");
    }
    assertEquals(
        Status.FAIL, run(host, "firewall.no-public-ssh", ctx), "enable keeps the public rule");
    assertTrue(
        new FirewallEnableFix().plan(host, Params.NONE, ctx).isEmpty(), "second enable plan");

    Plan close = new ClosePublicSshFix().plan(host, Params.NONE, ctx);
    // numbered: v4 rules first (1 private, 2 public), then v6 (3 private twin, 4 public twin) —
    // the cidr rule has no v6 twin, so there the public v6 rule is number 3.
    List<String> expected =
        tailscale
            ? List.of("ufw --force delete 4", "ufw --force delete 2")
            : List.of("ufw --force delete 3", "ufw --force delete 2");
    assertEquals(expected, commands(close));
    PlanApplier.apply(host, close);
    for (String id : CHECKS) {
      assertEquals(Status.PASS, run(host, id, ctx), id + " after close");
    }
    assertTrue(new ClosePublicSshFix().plan(host, Params.NONE, ctx).isEmpty(), "second close plan");
    assertTrue(
        new FirewallEnableFix().plan(host, Params.NONE, ctx).isEmpty(),
        "enable does not reopen SSH");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void closeDeletesTheRightNumbersAmongOtherRules(StepContext ctx) throws HostException {
    SimulatedHost host = SimulatedHost.fresh();
    exec(host, "ufw", "allow", "80/tcp");
    exec(host, "ufw", "allow", "OpenSSH");
    PlanApplier.apply(host, new FirewallEnableFix().plan(host, Params.NONE, ctx));
    exec(host, "ufw", "allow", "443/tcp");
    // rules: 80 and OpenSSH (v4 only: IPV6=no then), private 22, 22/tcp, 443 (+ v6 twins)
    PlanApplier.apply(host, new ClosePublicSshFix().plan(host, Params.NONE, ctx));
    String status = exec(host, "ufw", "status").stdout();
    assertTrue(status.contains("80/tcp ") && status.contains("443/tcp "), status);
    assertTrue(!status.contains("OpenSSH"), status);
    assertTrue(
        status.lines().noneMatch(l -> l.matches("22/tcp( \\(v6\\))?\\s+ALLOW\\s+Anywhere.*")),
        status);
    assertEquals(Status.PASS, run(host, "firewall.no-public-ssh", ctx));
    assertEquals(Status.PASS, run(host, "firewall.ssh-private", ctx));
  }

  @org.junit.jupiter.api.Test
  void wrongPoliciesAreSetAndAnActiveFirewallIsReloadedForIpv6() throws HostException {
    SimulatedHost host = SimulatedHost.fresh();
    StepContext ctx = StepContext.of(Answers.EMPTY);
    exec(host, "ufw", "default", "allow", "incoming");
    exec(host, "ufw", "default", "reject", "outgoing");
    exec(host, "ufw", "allow", "in", "on", "tailscale0", "to", "any", "port", "22", "proto", "tcp");
    exec(host, "ufw", "--force", "enable");
    assertEquals(Status.FAIL, run(host, "firewall.default-incoming", ctx));
    Plan plan = new FirewallEnableFix().plan(host, Params.NONE, ctx);
    assertEquals(
        List.of("ufw default deny incoming", "ufw default allow outgoing", "ufw reload"),
        commands(plan),
        "active: no public rule is added, the existing private rule is kept");
    // the revert sets back the policies ufw had: `default allow incoming` may be the way in
    assertEquals(
        List.of(
            RevertCommand.of("ufw", "default", "allow", "incoming"),
            RevertCommand.of("ufw", "default", "reject", "outgoing"),
            RevertCommand.of("ufw", "reload")),
        plan.revert());
    PlanApplier.apply(host, plan);
    for (String id : CHECKS) {
      assertEquals(Status.PASS, run(host, id, ctx), id);
    }
    assertTrue(new FirewallEnableFix().plan(host, Params.NONE, ctx).isEmpty());
  }

  private static ExecResult exec(SimulatedHost host, String... argv) throws HostException {
    ExecResult r = host.exec(argv);
    assertEquals(0, r.exitCode(), r.commandLine() + ": " + r.stderr());
    return r;
  }
}
