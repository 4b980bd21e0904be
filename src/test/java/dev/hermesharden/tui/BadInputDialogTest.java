package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, finding 11 in the wizard: a config.yaml that is not YAML, when the admin asks to see the
 * changes of step 9, is a dialog that names the file and the line, not "an internal error".
 */
class BadInputDialogTest {
  private static final Messages EN = Messages.english();

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aBrokenConfigYamlIsADialogWithFileAndLine() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.writeFile("/opt/hermes/data/config.yaml", "approvals:\n  mode: [manual\n", FileAttrs.KEEP);
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), EN);
    try (TuiHarness h = TuiHarness.start(host, dir, EN, new TerminalSize(120, 40), false)) {
      // the approvals step plans from config.yaml's settings: every step before it is skipped
      int approvals = steps.stream().map(StepDefinition::id).toList().indexOf("approvals");
      for (StepDefinition d : steps.subList(0, approvals)) {
        h.waitFor(EN.get(d.titleKey()));
        h.type("s");
        h.waitFor(EN.get("tui.skip.reason"));
        h.type("not in this test").key(KeyType.Tab).key(KeyType.Enter);
        h.waitGone(EN.get("tui.skip.reason"));
      }
      h.waitFor(EN.get(steps.get(approvals).titleKey()));
      h.type("c");
      String s = h.waitFor("This cannot go on");
      assertTrue(s.contains("/opt/hermes/data/config.yaml:3: not valid YAML"), s);
      assertTrue(s.contains("(column 1"), s);
      assertFalse(s.contains("internal error"), s);
      h.key(KeyType.Enter);
    }
  }
}
