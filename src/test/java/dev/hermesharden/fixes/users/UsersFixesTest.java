package dev.hermesharden.fixes.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.testing.KeysStepRunner;
import dev.hermesharden.testing.PlanApplier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersFixesTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  @Test
  void freshVpsFailsThenFixesMakeEveryCheckPass() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    KeysStepRunner step = new KeysStepRunner("users");
    Map<String, Verdict> before = step.check(host, CTX);
    assertEquals(Status.FAIL, before.get("users.admin-sudo").status());
    assertEquals(Status.FAIL, before.get("users.service-user-exists").status());
    assertEquals(Status.FAIL, before.get("users.service-user-no-password").status());
    assertEquals(Status.NOT_APPLICABLE, before.get("users.not-root-login").status());

    Map<String, Plan> plans = step.plan(host, CTX);
    assertEquals("$ usermod -aG sudo -- admin\n", plans.get("users.admin-sudo").render());
    assertEquals(
        List.of("adduser", "--disabled-password", "--gecos", "", "--", "hermes"),
        ((dev.hermesharden.fixes.RunCommand)
                plans.get("users.create-service-user").actions().get(0))
            .argv());

    step.applyAll(host, CTX);
    step.check(host, CTX).forEach((id, v) -> assertTrue(v.status().satisfied(), id + " " + v));
    step.plan(host, CTX)
        .forEach((id, p) -> assertTrue(p.isEmpty(), id + " second plan: " + p.render()));
  }

  @Test
  void missingAdminIsCreatedThenAddedToSudo() throws Exception {
    StepContext ops = StepContext.of(Answers.EMPTY.with(Answers.ADMIN_USER, "ops"));
    SimulatedHost host = SimulatedHost.fresh();
    Plan p = new AdminSudoFix().plan(host, Params.NONE, ops);
    assertEquals(
        "$ adduser --disabled-password --gecos '' -- ops\n$ usermod -aG sudo -- ops\n", p.render());
    PlanApplier.apply(host, p);
    assertTrue(new AdminSudoFix().plan(host, Params.NONE, ops).isEmpty());
    assertEquals("ops sudo users\n", host.exec("id", "-nG", "ops").stdout());
  }

  @Test
  void serviceUserInDockerIsTakenOut() throws Exception {
    Host host = SimulatedHost.fresh();
    PlanApplier.apply(host, new CreateServiceUserFix().plan(host, Params.NONE, CTX));
    host.exec("usermod", "-aG", "docker,sudo", "hermes");
    Plan p = new ServiceGroupsFix().plan(host, Params.NONE, CTX);
    assertEquals("$ gpasswd -d hermes -- sudo\n$ gpasswd -d hermes -- docker\n", p.render());
    PlanApplier.apply(host, p);
    assertTrue(new ServiceGroupsFix().plan(host, Params.NONE, CTX).isEmpty());
  }

  @Test
  void rootAdminIsNotPatchedWithGroups() throws Exception {
    StepContext root = StepContext.of(Answers.EMPTY.with(Answers.ADMIN_USER, "root"));
    assertTrue(new AdminSudoFix().plan(SimulatedHost.fresh(), Params.NONE, root).isEmpty());
  }
}
