package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.plain.Golden;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole 80×24 screens of a practice walk compared with golden text (English and German): the first
 * screen, a failing step, the skip dialog refusing a blank reason, a guarded change's dialog and
 * its proof under the auto-revert countdown, the too-small screen over an open dialog, and the
 * final screen. The clock stands still; the one-time tokens are replaced by X (same length, so the
 * layout is the real one); the state directory is a fixed path.
 */
class GoldenScreensTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T09:30:00Z"), ZoneOffset.UTC);

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void english() throws Exception {
    walk("en");
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void german() throws Exception {
    walk("de");
  }

  private void walk(String lang) throws Exception {
    Messages m = Messages.forLanguage(lang);
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), m);
    // a fixed path, since the final screens show it; another checkout's run of this test on the
    // same machine (a CI run beside a session's) waits for the lock instead of sharing the dir
    Path dir = Path.of("/tmp/hermes-harden-golden-" + lang);
    try (java.nio.channels.FileChannel lock =
            java.nio.channels.FileChannel.open(
                Path.of(dir + ".lock"),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock held = lock.lock()) {
      walkIn(dir, lang, m, steps);
    }
  }

  private void walkIn(Path dir, String lang, Messages m, List<StepDefinition> steps)
      throws Exception {
    clear(dir);
    try (TuiHarness h = TuiHarness.fixed(SimulatedHost.fresh(), dir, m, CLOCK, true)) {
      golden(lang, "first", h.waitFor(m.get("tui.checked", "1 " + m.get("tui.short.users"), 3, 8)));

      h.type("s");
      h.waitFor(m.get("tui.skip.reason"));
      h.key(KeyType.Tab).key(KeyType.Enter); // Skip step, with no reason given
      golden(lang, "skip-dialog", h.waitFor(m.get("tui.skip.reason-required")));
      h.type("x"); // the stale "a reason is required" goes as soon as a reason is typed
      h.waitGone(m.get("tui.skip.reason-required"));
      h.key(KeyType.Escape);
      h.waitGone(m.get("tui.skip.reason"));

      Walk.harden(h, steps.get(0), m);
      h.press("a", m.get("tui.button.apply-confirm"));
      h.key(KeyType.Enter);
      golden(
          lang,
          "failing-step",
          h.waitFor(m.get("tui.applied", "2 " + m.get("tui.short.ssh-keys"))));
      Walk.harden(h, steps.get(1), m);
      Walk.harden(h, steps.get(2), m);

      h.waitFor(m.get(steps.get(3).titleKey()));
      golden(lang, "guarded-confirm", h.press("a", m.get("tui.button.apply-confirm")));
      h.type("1");
      // the dialog's last line to be drawn: its buttons come first, with the header's "120 s"
      String countdown = h.waitFor(m.get("tui.prove.local.waiting", 120));
      assertTrue(countdown.contains(m.get("tui.prove.practice.run")), countdown);
      golden(lang, "guarded-countdown", countdown);

      h.resize(70, 20);
      golden(lang, "too-small", h.waitFor("70×20"), 20);
      h.resize(80, 24);
      h.waitFor(m.get("tui.prove.practice.run"));
      h.key(KeyType.Enter); // run it: the proof disarms the auto-revert
      // the proof, every check again, then the rest of the step to confirm: a step page seen
      // before that is no step still to apply (Walk applied it again once the checks took longer)
      h.waitForAny(
          m.get("tui.button.apply-confirm"),
          m.get("tui.passed", steps.get(3).order() + " " + Walk.shortName(steps.get(3), m)));
      for (StepDefinition d : steps.subList(3, steps.size())) {
        Walk.harden(h, d, m);
      }
      golden(lang, "final", h.waitFor(m.get("tui.button.read-report")));
      h.key(KeyType.Enter); // read the report here
      String report = h.waitFor(m.get("tui.report.reading", "summary-20260302T093000Z.md"));
      assertTrue(report.contains("# "), report);
    }
    try (Stream<Path> s = Files.list(dir.resolve("reports"))) {
      assertEquals(1, s.count());
    }
  }

  private static void golden(String lang, String name, String screen) throws Exception {
    golden(lang, name, screen, 24);
  }

  private static void golden(String lang, String name, String screen, int rows) throws Exception {
    String s = screen.replaceAll("[A-Z2-7]{26}", "X".repeat(26));
    assertEquals(rows, s.split("\n").length, "a whole screen:\n" + s);
    Golden.compare("screens/" + name + "-" + lang + ".txt", s);
  }

  private static void clear(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
