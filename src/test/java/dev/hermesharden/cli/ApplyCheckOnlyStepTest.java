package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply --step} on a step that has no fixes (it only checks and guides, like {@code
 * private-path}) checks it again instead of refusing with "has no fix 'null'".
 */
class ApplyCheckOnlyStepTest {
  @TempDir Path home;

  @Test
  void aStepWithoutFixesIsCheckedAgain() {
    CliRun users = CliRun.practice(home, "apply", "--step", "users", "--yes");
    assertEquals(0, users.code(), users.out() + users.err());
    CliRun keys = CliRun.practice(home, "apply", "--step", "ssh-keys", "--yes");
    CliRun r = CliRun.practice(home, "apply", "--step", "private-path", "--yes");
    assertFalse((r.out() + r.err()).contains("null"), r.out() + r.err());
    assertEquals(3, r.code(), "checked, not proven yet: findings\n" + r.out() + r.err());
    assertTrue(r.out().contains("changes nothing on the host"), r.out());
    CliRun wrong = CliRun.practice(home, "apply", "--step", "private-path", "--fix", "x.y");
    assertEquals(2, wrong.code(), "a fix the step does not have is still a usage error");
    assertTrue(keys.code() == 0 || keys.code() == 3, keys.out() + keys.err());
  }
}
