package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.SimFile;
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
 * The full-screen wizard shows what the agent wrote written out: a {@code terminal.backend} in
 * Hermes' {@code config.yaml} that holds escape sequences and a newline is shown as {@code
 * \x1b]52;…} in the approvals step's check line. Before {@code Messages} wrote them out, the
 * controls were dropped on their way into the text box and the line read {@code terminal.backend is
 * ]52;c;ea==[2k}: harmless to the terminal, but not what the file says.
 */
class HostileTextOnTheScreenTest {
  private static final String CONFIG = "/opt/hermes/data/config.yaml";

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theApprovalsStepShowsTheAgentsEscapeSequencesWrittenOut() throws Exception {
    Messages m = Messages.english();
    SimulatedHost vps = SimulatedHost.fresh();
    SimFile c = vps.fs().get(CONFIG).orElseThrow();
    String hostile =
        c.content()
            .replace("  backend: \"local\"", "  backend: \"\\e]52;c;eA==\\a\\r\\e[2K\\nX\\x9b\"");
    vps.fs().put(CONFIG, SimFile.file(hostile, c.owner(), c.group(), c.mode()));
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), m);
    // tall enough that every check line of the approvals step is on the screen
    try (TuiHarness h = TuiHarness.start(vps, dir, m, new TerminalSize(160, 60), false)) {
      for (StepDefinition d : steps) {
        if (d.id().equals("approvals")) {
          String screen = h.waitFor("terminal.backend is \\x1b]52;c;ea==\\x07\\r\\x1b[2k\\nx");
          assertTrue(screen.contains("\\u009b"), screen);
          assertFalse(screen.contains(m.get("tui.error.title")), screen);
          break;
        }
        Walk.harden(h, d, m);
      }
      h.type("q");
      assertEquals(0, h.waitExit());
    }
  }
}
