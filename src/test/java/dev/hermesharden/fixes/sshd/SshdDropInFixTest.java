package dev.hermesharden.fixes.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.modules.SshdModule;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.testing.PlanApplier;
import dev.hermesharden.testing.StepChecks;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshdDropInFixTest {
  static final List<String> CHECKS =
      List.of(
          "sshd.config-valid",
          "sshd.permit-root-login",
          "sshd.password-authentication",
          "sshd.kbd-interactive",
          "sshd.pubkey-authentication",
          "sshd.allow-users",
          "sshd.max-auth-tries",
          "sshd.no-match-reenables-passwords",
          "sshd.socket-activation");
  private final Catalog catalog = Catalog.of(List.of(new SshdModule()));
  private final StepContext ctx = StepContext.of(Answers.EMPTY.with(Answers.ADMIN_USER, "admin"));
  private final SshdDropInFix fix = new SshdDropInFix();

  private Map<String, Verdict> verdicts(SimulatedHost host, StepContext c) throws Exception {
    Map<String, Verdict> out = new java.util.LinkedHashMap<>();
    for (String id : CHECKS) {
      out.put(id, StepChecks.run(catalog, id, host, c));
    }
    return out;
  }

  private static WriteFile write(Plan p, String path) {
    return p.actions().stream()
        .filter(a -> a instanceof WriteFile w && w.path().equals(path))
        .map(a -> (WriteFile) a)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no write of " + path + " in\n" + p.render()));
  }

  private void assertAllSatisfied(SimulatedHost host, StepContext c) throws Exception {
    verdicts(host, c).forEach((id, v) -> assertTrue(v.status().satisfied(), id + ": " + v));
  }

  @Test
  void freshPracticeVpsFailsThenOnePlanFixesItAndTheSecondIsEmpty() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Map<String, Verdict> before = verdicts(host, ctx);
    for (String id :
        List.of(
            "sshd.permit-root-login",
            "sshd.password-authentication",
            "sshd.allow-users",
            "sshd.max-auth-tries")) {
      assertFalse(before.get(id).status().satisfied(), id + " should fail on the fresh VPS");
    }
    assertEquals(
        "/etc/ssh/sshd_config.d/50-cloud-init.conf:1",
        before.get("sshd.password-authentication").details().get("source"));

    Plan plan = fix.plan(host, Params.NONE, ctx);
    WriteFile dropIn = write(plan, SshdDropIn.PATH);
    assertEquals(Optional.empty(), dropIn.before());
    assertEquals(FileAttrs.of("root", "root", 0644), dropIn.attrs());
    String diff = dropIn.diff();
    assertTrue(
        diff.startsWith("--- /dev/null\n+++ b/etc/ssh/sshd_config.d/00-hermes-harden.conf\n"),
        diff);
    for (String line :
        List.of(
            "+PermitRootLogin no",
            "+PasswordAuthentication no",
            "+KbdInteractiveAuthentication no",
            "+PubkeyAuthentication yes",
            "+AllowUsers admin",
            "+MaxAuthTries 3",
            "+ExposeAuthInfo yes")) {
      assertTrue(diff.contains(line + "\n"), line + " missing in\n" + diff);
    }
    assertFalse(plan.render().contains("UsePAM"), "never touches UsePAM");
    assertFalse(plan.render().contains("AuthenticationMethods"));
    RunCommand validate = (RunCommand) plan.actions().get(plan.actions().size() - 2);
    assertEquals(List.of("sshd", "-t"), validate.argv());
    assertTrue(validate.rollbackOnFailure());
    RunCommand reload = (RunCommand) plan.actions().get(plan.actions().size() - 1);
    assertEquals(List.of("systemctl", "reload", "ssh"), reload.argv());
    assertEquals(
        3,
        plan.actions().size(),
        "drop-in, sshd -t, reload only; the main file already has Include:\n" + plan.render());

    PlanApplier.apply(host, plan);
    assertAllSatisfied(host, ctx);
    assertTrue(fix.plan(host, Params.NONE, ctx).isEmpty(), "second plan must be empty");
  }

  @Test
  void mainFileWithoutIncludeGetsItAsFirstLineAndKeepsTheRest() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    String main =
        host.readFile(SshdConfigFiles.MAIN)
            .orElseThrow()
            .replace("Include /etc/ssh/sshd_config.d/*.conf\n", "");
    host.fs().put(SshdConfigFiles.MAIN, SimFile.file(main, "root", "root", 0644));
    Plan plan = fix.plan(host, Params.NONE, ctx);
    WriteFile w = write(plan, SshdConfigFiles.MAIN);
    assertEquals("Include /etc/ssh/sshd_config.d/*.conf\n" + main, w.after());
    assertEquals(Optional.of(main), w.before());
    assertEquals(FileAttrs.KEEP, w.attrs());
    PlanApplier.apply(host, plan);
    assertAllSatisfied(host, ctx);
    assertTrue(fix.plan(host, Params.NONE, ctx).isEmpty());
  }

  @Test
  void matchBlockReenablingPasswordsIsCommentedOut() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    String main =
        host.readFile(SshdConfigFiles.MAIN).orElseThrow()
            + "Match Address 10.8.0.0/24\n\tPasswordAuthentication yes\n";
    host.fs().put(SshdConfigFiles.MAIN, SimFile.file(main, "root", "root", 0644));
    StepContext fromVpn =
        new StepContext(ctx.answers(), List.of(), Clock.systemUTC(), Optional.of("10.8.0.5"));
    assertEquals(
        "yes",
        host.exec("sshd", "-T", "-C", "user=admin,host=10.8.0.5,addr=10.8.0.5")
            .stdout()
            .lines()
            .filter(l -> l.startsWith("passwordauthentication"))
            .findFirst()
            .orElseThrow()
            .split(" ")[1]);

    Plan plan = fix.plan(host, Params.NONE, fromVpn);
    WriteFile w = write(plan, SshdConfigFiles.MAIN);
    assertTrue(
        w.after()
            .endsWith("Match Address 10.8.0.0/24\n# hermes-harden: \tPasswordAuthentication yes\n"),
        w.after());
    assertEquals(
        main.length() + "# hermes-harden: ".length(), w.after().length(), "nothing else changes");
    PlanApplier.apply(host, plan);
    assertAllSatisfied(host, fromVpn);
    assertAllSatisfied(host, ctx);
    assertTrue(fix.plan(host, Params.NONE, fromVpn).isEmpty());
  }

  @Test
  void aLineReadBeforeOurDropInIsCommentedOut() {
    Map<String, String> files =
        Map.of(
            SshdConfigFiles.MAIN,
            "PermitRootLogin yes\nInclude /etc/ssh/sshd_config.d/*.conf\n",
            "/etc/ssh/sshd_config.d/50-cloud-init.conf",
            "PasswordAuthentication yes\n");
    Map<String, String> changes = SshdDropIn.changes(files, "admin", true);
    assertEquals(
        "# hermes-harden: PermitRootLogin yes\nInclude /etc/ssh/sshd_config.d/*.conf\n",
        changes.get(SshdConfigFiles.MAIN));
    assertFalse(
        changes.containsKey("/etc/ssh/sshd_config.d/50-cloud-init.conf"),
        "our 00- file already wins");
  }

  @Test
  void oldOpensshGetsChallengeResponseAuthentication() {
    String old = SshdDropIn.content("admin", false);
    assertTrue(old.contains("\nChallengeResponseAuthentication no\n"));
    assertFalse(old.contains("KbdInteractiveAuthentication"));
    assertTrue(SshdDropIn.content("admin", true).contains("\nKbdInteractiveAuthentication no\n"));
  }

  @Test
  void aBogusDropInMakesTheValidationStepFail() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.writeFile("/etc/ssh/sshd_config.d/10-bogus.conf", "Foo yes\n", FileAttrs.KEEP);
    Plan plan = fix.plan(host, Params.NONE, ctx);
    AssertionError e = assertThrows(AssertionError.class, () -> PlanApplier.apply(host, plan));
    assertTrue(e.getMessage().contains("command failed: sshd -t"), e.getMessage());
    assertTrue(
        e.getMessage().contains("10-bogus.conf: line 1: Bad configuration option: Foo"),
        e.getMessage());
  }
}
