package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.testing.MovableClock;
import dev.hermesharden.testing.StepChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guarded change in the full-screen wizard: the dialog says the auto-revert is armed and counts
 * down; stopping the wait leaves the countdown on the status line; a proof made then (p) disarms
 * it; without one the server puts the change back when the time is up, and the wizard says so.
 * Practice shows the real command and token first ("Run it"), as a real server would ask.
 */
class RevertCountdownTest {
  /** How many steps the packaged step files declare. */
  private static final int STEPS = StepChecks.steps().size();

  private static final Messages EN = Messages.english();

  @TempDir Path dir;

  private TuiHarness atTheFirewall(MovableClock clock) throws Exception {
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), EN);
    TuiHarness h = TuiHarness.fixed(SimulatedHost.fresh(), dir, EN, clock, true);
    for (StepDefinition d : steps.subList(0, 3)) {
      Walk.harden(h, d, EN);
    }
    h.waitFor("Step 4 of " + STEPS);
    h.press("a", EN.get("tui.button.apply-confirm"));
    h.type("1");
    String dialog = h.waitFor(EN.get("tui.prove.practice.run"));
    assertTrue(dialog.contains("Auto-revert armed: the server puts this change back"), dialog);
    assertTrue(dialog.contains("ssh -o PreferredAuthentications=publickey"), dialog);
    assertTrue(dialog.matches("(?s).*│[A-Z2-7]{26} .*"), "the token to paste:\n" + dialog);
    h.type("2"); // stop waiting
    h.waitFor(EN.get("tui.outcome.title"));
    h.type("1");
    h.waitGone(EN.get("tui.outcome.title"));
    return h;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aProofMadeAfterStoppingStillDisarms() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:30:00Z"));
    try (TuiHarness h = atTheFirewall(clock)) {
      String s = h.waitFor("Auto-revert in 120 s (step 4 Firewall): prove a new login (p)");
      clock.advance(Duration.ofSeconds(30));
      h.waitFor("Auto-revert in 90 s");
      h.press("p", EN.get("tui.prove.practice.run"));
      h.type("1");
      s = h.waitFor("came in time: the auto-revert is disarmed,");
      assertTrue(!s.contains("Auto-revert in"), "no countdown any more:\n" + s);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void withoutAProofTheChangeIsPutBackWhenTheTimeIsUp() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:30:00Z"));
    try (TuiHarness h = atTheFirewall(clock)) {
      h.waitFor("Auto-revert in 120 s");
      clock.advance(Duration.ofSeconds(125));
      String s = h.waitFor("The auto-revert of step 4 Firewall fired: the change was put back.");
      assertTrue(s.contains("✘ FAIL: ufw is active"), "checked again after the revert:\n" + s);
    }
  }
}
