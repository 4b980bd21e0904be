package dev.hermesharden.checks.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.approvals.ApprovalsCheck;
import dev.hermesharden.checks.approvals.ApprovalsFacts;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hermes' {@code updates:} keys, judged through the approvals kinds' shared gathering. */
class UpdatesRulesTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  private static Verdict backup(String config) {
    return new ApprovalsCheck(UpdatesRules::preUpdateBackup)
        .evaluate(ApprovalsFacts.of("/opt/hermes/data", config, ""), Params.NONE, CTX);
  }

  private static Verdict keep(String config) {
    return new ApprovalsCheck(UpdatesRules::backupKeep)
        .evaluate(
            ApprovalsFacts.of("/opt/hermes/data", config, ""), new Params(Map.of("min", "1")), CTX);
  }

  @Test
  void preUpdateBackupMustBeOn() {
    assertEquals(Status.PASS, backup("updates:\n  pre_update_backup: quick\n").status());
    assertEquals(Status.PASS, backup("updates:\n  pre_update_backup: \"Full\"\n").status());
    Verdict legacy = backup("updates:\n  pre_update_backup: true\n");
    assertEquals(Status.PASS, legacy.status());
    assertEquals("reason.updates.backup-legacy", legacy.reason().key());
    assertEquals(Status.PASS, backup("updates:\n  pre_update_backup: yes\n").status(), "YAML 1.1");
    Verdict off = backup("updates:\n  pre_update_backup: false\n");
    assertEquals(Status.FAIL, off.status());
    assertEquals("false", off.details().get("updates.pre_update_backup"));
    assertEquals(Status.FAIL, backup("updates:\n  pre_update_backup: \"none\"\n").status());
  }

  @Test
  void anAbsentKeyFailsBecauseItsDefaultDependsOnTheVersion() {
    Verdict unset = backup("updates:\n  check: true\n");
    assertEquals(Status.FAIL, unset.status());
    assertEquals("reason.updates.backup-unset", unset.reason().key());
    assertEquals(Status.FAIL, backup(null).status(), "no config.yaml at all");
  }

  @Test
  void backupKeepMustKeepAtLeastMin() {
    assertEquals(Status.PASS, keep("updates:\n  backup_keep: 5\n").status());
    assertEquals(Status.PASS, keep("updates:\n  pre_update_backup: quick\n").status(), "default 5");
    Verdict zero = keep("updates:\n  backup_keep: 0\n");
    assertEquals(Status.FAIL, zero.status());
    assertEquals("reason.updates.keep-low", zero.reason().key());
    assertEquals(Status.FAIL, keep("updates:\n  backup_keep: lots\n").status());
    assertEquals(Status.FAIL, keep("updates:\n  backup_keep: true\n").status());
  }

  @Test
  void aConfigThatIsNotYamlIsAnError() {
    assertEquals(Status.ERROR, backup("updates: [\n").status());
  }
}
