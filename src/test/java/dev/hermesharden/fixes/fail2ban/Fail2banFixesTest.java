package dev.hermesharden.fixes.fail2ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.testing.PlanApplier;
import dev.hermesharden.testing.StepChecks;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Fail2banFixesTest {
  private static final List<String> CHECKS =
      List.of(
          "fail2ban.installed",
          "fail2ban.service",
          "fail2ban.sshd-jail",
          "fail2ban.backend",
          "fail2ban.ignoreip",
          "fail2ban.filter-matches");

  static Stream<StepContext> paths() {
    return Stream.of(
        StepContext.of(Answers.EMPTY),
        StepContext.of(
            Answers.EMPTY
                .with(Answers.PRIVATE_PATH_KIND, "cidr")
                .with(Answers.PRIVATE_PATH_CIDR, "10.8.0.0/24")));
  }

  private static Verdict run(SimulatedHost host, String id, StepContext ctx) throws HostException {
    return StepChecks.run(Catalog.standard(), id, host, ctx);
  }

  private static List<String> commands(Plan p) {
    return p.actions().stream()
        .filter(RunCommand.class::isInstance)
        .map(a -> ((RunCommand) a).commandLine())
        .toList();
  }

  @ParameterizedTest
  @MethodSource("paths")
  void freshVpsFailsThenInstallAndJailMakeEveryCheckPass(StepContext ctx) throws HostException {
    SimulatedHost host = SimulatedHost.fresh();
    for (String id : CHECKS) {
      assertEquals(Status.FAIL, run(host, id, ctx).status(), id + " on the fresh VPS");
    }
    Plan install = new Fail2banInstallFix().plan(host, Params.NONE, ctx);
    assertEquals(
        List.of("apt-get -y -o Dpkg::Options::=--force-confold install fail2ban"),
        commands(install));
    PlanApplier.apply(host, install);
    assertEquals(Status.PASS, run(host, "fail2ban.installed", ctx).status());
    // the stock sshd jail (backend auto) cannot start on this journald-only host
    Verdict service = run(host, "fail2ban.service", ctx);
    assertEquals(Status.FAIL, service.status());
    assertEquals("enabled", service.details().get("is-enabled"));
    assertEquals(Status.FAIL, run(host, "fail2ban.backend", ctx).status());
    assertEquals(
        Status.FAIL,
        run(host, "fail2ban.filter-matches", ctx).status(),
        "auth.log source sees nothing");
    assertTrue(
        new Fail2banInstallFix().plan(host, Params.NONE, ctx).isEmpty(), "second install plan");

    Plan jail = new Fail2banJailFix().plan(host, Params.NONE, ctx);
    WriteFile file = (WriteFile) jail.actions().get(0);
    assertEquals("/etc/fail2ban/jail.d/hermes-harden.local", file.path());
    assertEquals(Optional.empty(), file.before());
    assertEquals(0644, file.attrs().mode());
    String cidr =
        ctx.answers().get(Answers.PRIVATE_PATH_CIDR).orElse("100.64.0.0/10 fd7a:115c:a1e0::/48");
    assertTrue(
        file.after().contains("[sshd]\nenabled = true\nbackend = systemd\nmaxretry = 5\n"),
        file.after());
    assertTrue(
        file.after()
            .contains("findtime = 10m\nbantime = 1h\nignoreip = 127.0.0.1/8 ::1 " + cidr + "\n"),
        file.after());
    assertEquals(
        List.of("systemctl enable --now fail2ban", "fail2ban-client reload"), commands(jail));
    PlanApplier.apply(host, jail);

    for (String id : CHECKS) {
      Verdict v = run(host, id, ctx);
      assertEquals(Status.PASS, v.status(), id + " after the fixes: " + v);
    }
    assertTrue(new Fail2banJailFix().plan(host, Params.NONE, ctx).isEmpty(), "second jail plan");
  }

  @Test
  void jailKeepsIgnoreIpEntriesTheAdminAlreadyHad() throws HostException {
    SimulatedHost host = SimulatedHost.fresh();
    StepContext ctx = StepContext.of(Answers.EMPTY);
    PlanApplier.apply(host, new Fail2banInstallFix().plan(host, Params.NONE, ctx));
    host.writeFile(
        "/etc/fail2ban/jail.local",
        "[DEFAULT]\nignoreip = 127.0.0.1/8 192.0.2.10\n",
        dev.hermesharden.host.FileAttrs.KEEP);
    Plan jail = new Fail2banJailFix().plan(host, Params.NONE, ctx);
    String after = ((WriteFile) jail.actions().get(0)).after();
    assertTrue(
        after.contains("ignoreip = 127.0.0.1/8 ::1 100.64.0.0/10 fd7a:115c:a1e0::/48 192.0.2.10\n"),
        after);
    PlanApplier.apply(host, jail);
    assertTrue(new Fail2banJailFix().plan(host, Params.NONE, ctx).isEmpty(), "stable once written");
    assertEquals(Status.PASS, run(host, "fail2ban.ignoreip", ctx).status());
  }

  @Test
  void ignoreIpWithoutThePrivatePathFailsOnTheRunningServer() throws HostException {
    SimulatedHost host = SimulatedHost.fresh();
    StepContext ctx = StepContext.of(Answers.EMPTY);
    PlanApplier.apply(host, new Fail2banInstallFix().plan(host, Params.NONE, ctx));
    host.writeFile(
        "/etc/fail2ban/jail.d/hermes-harden.local",
        "[sshd]\nenabled = true\nbackend = systemd\nignoreip = 127.0.0.1/8 ::1\n",
        dev.hermesharden.host.FileAttrs.KEEP);
    assertEquals(0, host.exec("systemctl", "start", "fail2ban").exitCode());
    Verdict v = run(host, "fail2ban.ignoreip", ctx);
    assertEquals(Status.FAIL, v.status());
    assertEquals("127.0.0.0/8 ::1", v.details().get("ignoreip"), "as the server prints it");
  }

  /**
   * Regression (seen on the real daemons): with fail2ban installed but stopped, the filter still
   * matched and the check said PASS, although no jail counted anything. It fails now, and makes no
   * probe login for nothing.
   */
  @Test
  void filterCheckFailsWhileFail2banIsInstalledButNotRunning() throws HostException {
    SimulatedHost host = SimulatedHost.fresh();
    var install =
        Catalog.standard()
            .fix("fail2ban.install")
            .orElseThrow()
            .plan(host, Params.NONE, StepContext.of(Answers.EMPTY));
    dev.hermesharden.testing.PlanApplier.apply(host, install);
    host.exec("systemctl", "stop", "fail2ban");
    Verdict v = run(host, "fail2ban.filter-matches", StepContext.of(Answers.EMPTY));
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.fail2ban.regex-not-running", v.reason().key());
  }
}
