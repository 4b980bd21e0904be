package dev.hermesharden.tui;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.StepDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The keys a person presses to harden one step on the practice VPS. */
final class Walk {
  private Walk() {}

  /**
   * Presses Apply (and Prove login where the step's check is a login) and answers every dialog that
   * comes up — the plan to confirm, a part planned again, the practice proof to run — until the
   * status line says the step passed.
   */
  static void harden(TuiHarness h, StepDefinition d, Messages m) {
    String title = m.get(d.titleKey());
    String passed = m.get("tui.passed", d.order() + " " + shortName(d, m));
    String confirm = m.get("tui.button.apply-confirm");
    String nothing = m.get("tui.apply.nothing");
    String run = m.get("tui.prove.practice.run");
    String heading = m.get("tui.checks.heading");
    boolean applied = d.fixes().isEmpty();
    boolean proved = d.produces().isEmpty();
    int stuck = 0;
    for (int i = 0; i < 30; i++) {
      String s = h.waitForAny(run, confirm, nothing, passed, m.get("tui.report.title"), heading);
      String dialog =
          s.contains(run)
              ? run
              : s.contains(confirm) ? confirm : s.contains(nothing) ? nothing : null;
      if (dialog != null) {
        // the first button: "Apply now" (where a risky change focuses Cancel), "Run it", "Close"
        h.type("1");
        h.waitGone(dialog);
        // a confirmed plan is applied: the page before its re-check ends is no step to apply again
        applied |= dialog.equals(confirm);
      } else if (s.contains(passed)
          || !s.contains(title)
          || s.contains(m.get("tui.report.title"))) {
        return;
      } else if (!applied) {
        h.press("a", confirm, nothing);
        applied = true;
      } else if (!proved) {
        h.press("p", run);
        proved = true;
      } else if (stuck++ < 10) {
        // between a dialog closing and the task it starts, the wizard looks idle for a frame or
        // two (longer on a busy machine): look again before calling the step stuck
        pause(300);
      } else {
        throw new AssertionError("step " + d.id() + " does not pass:\n" + s);
      }
    }
    throw new AssertionError("step " + d.id() + " keeps asking:\n" + h.screen());
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String shortName(StepDefinition d, Messages m) {
    return m.get("tui.short." + d.id());
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
