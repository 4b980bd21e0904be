package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole practice VPS, step 1 to the report, driven by keys on an 80×24 virtual terminal. */
class WizardWalkTest {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void hardensTheWholePracticeVpsAndWritesTheReport() throws Exception {
    Messages m = Messages.english();
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), m);
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, m)) {
      for (StepDefinition d : steps) {
        if (d.id().equals("approvals")) {
          // approvals says that it writes a new API key, and where to read it, before it runs
          h.waitFor(m.get(d.titleKey()));
          String dialog = h.press("a", m.get("tui.button.apply-confirm"));
          assertTrue(
              dialog.contains("Note: this writes a new secret value for API_SERVER_KEY into"),
              dialog);
          assertTrue(dialog.contains("sudo grep '^API_SERVER_KEY=' /opt/hermes/data/.env"), dialog);
          h.key(KeyType.Escape);
          h.waitGone(m.get("tui.button.apply-confirm"));
        }
        Walk.harden(h, d, m);
      }
      int n = steps.size();
      String last = h.waitFor(m.get("tui.report.title"));
      assertTrue(
          last.contains("All " + n + " steps are done: " + n + " verified, 0 skipped."), last);
      h.type("2").waitGone("All " + n + " steps are done");
      h.type("q");
      assertEquals(0, h.waitExit());
    }
    Path report = onlyReport();
    String md = Files.readString(report);
    assertTrue(md.contains("Login proofs") && md.contains("key-login"), md);
    assertTrue(md.contains("backup at"), md);
    // the full report of `hermes-harden report --format md`: host facts, diffs, what to do next
    assertTrue(md.contains("## " + m.get("report.section.host")), md);
    assertTrue(md.contains("```diff"), md);
    assertTrue(md.contains("## " + m.get("report.section.next")), md);
    assertEquals("rw-------", Walk.mode(report));
  }

  private Path onlyReport() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("reports"))) {
      List<Path> all = s.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }
}
