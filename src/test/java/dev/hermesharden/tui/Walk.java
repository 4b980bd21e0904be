package dev.hermesharden.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.StepDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The keys a person presses to harden one step on the practice VPS. */
final class Walk {
  private Walk() {}

  static void harden(TuiHarness h, StepDefinition d, Messages m) {
    String title = d.order() + " · " + m.get(d.titleKey());
    String passed = m.get("tui.passed", d.order() + " " + shortName(d, m));
    h.waitFor(title);
    // a step's second fix may only be planned once the first is in: Apply again shows it
    for (int i = 0; i < d.fixes().size(); i++) {
      String s = h.waitFor(m.get("tui.checks.heading"));
      if (s.contains(passed) || !s.contains(title)) {
        return;
      }
      h.type("a");
      String nothing = m.get("tui.apply.nothing");
      String dialog = h.waitForAny(m.get("tui.button.apply-confirm"), nothing);
      h.key(KeyType.Enter);
      h.waitGone(dialog.contains(nothing) ? nothing : m.get("tui.button.apply-confirm"));
    }
    if (!d.produces().isEmpty()) {
      String s = h.waitFor(m.get("tui.checks.heading"));
      if (s.contains(title) && !s.contains(passed)) {
        h.type("p");
      }
    }
    h.waitFor(passed);
  }

  static String shortName(StepDefinition d, Messages m) {
    return m.get("tui.short." + d.id());
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
