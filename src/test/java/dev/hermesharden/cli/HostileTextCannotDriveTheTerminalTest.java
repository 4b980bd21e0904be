package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the hostile service account writes is shown to the admin, on a terminal: Hermes' {@code
 * config.yaml} is its file. A setting's value that holds an escape sequence (a window title, the
 * clipboard by OSC 52, "erase the line"), a carriage return or a line of its own could make the
 * admin's terminal act on it, or overwrite a FAIL with a forged {@code pass} line. Every front end
 * shows such characters written out ({@code \x1b}, {@code \r}, {@code \n}), and the FAIL stays.
 */
class HostileTextCannotDriveTheTerminalTest {
  private static final String CONFIG = "/opt/hermes/data/config.yaml";
  private static final String ENV = "/opt/hermes/data/.env";

  /** A line of {@code .env} with raw controls (YAML refuses them in config.yaml). */
  private static final String RAW = "NOTE=\u001b]0;owned\u0007\r\u001b[2K\u009b2J\u202eLIAF\n";

  /** YAML's double-quoted escapes: ESC ] 0 ; … BEL, CR, ESC [ 2 K, a newline, C1's CSI. */
  private static final String FORGED =
      "\"\\e]52;c;cm0gLXJmIH4=\\a\\e]0;owned\\a\\r\\e[2K\\e[1A"
          + "\\n  pass      approvals.backend                      docker\\x9b2J\"";

  @TempDir Path home;

  private void plant() throws Exception {
    new PracticeFiles()
        .edit(CONFIG, c -> c.replace("  backend: \"local\"", "  backend: " + FORGED))
        // .env is read line by line: raw controls stand in it as they are, beside the line the
        // fix changes, so its diff shows them
        .edit(ENV, e -> e.replace("HERMES_YOLO_MODE=true\n", "HERMES_YOLO_MODE=true\n" + RAW))
        .saveTo(home.resolve("state"));
  }

  private static void noControls(String where, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
      assertFalse(control, where + ": a control character " + (int) c + " at " + i + "\n" + text);
    }
  }

  @Test
  void theAuditThePlanAndTheReportShowTheValueWrittenOutAndTheFailStays() throws Exception {
    plant();
    CliRun audit = CliRun.practice(home, "audit", "--step", "approvals");
    noControls("audit", audit.out() + audit.err());
    List<String> mode = audit.out().lines().filter(l -> l.contains("terminal.backend is")).toList();
    assertEquals(1, mode.size(), "one line, no forged second one:\n" + audit.out());
    assertTrue(mode.get(0).contains("FAIL"), mode.get(0));
    // (Hermes lower-cases the backend's name, and so does the check)
    assertTrue(mode.get(0).contains("\\x1b]52;c;cm0glxjmih4=\\x07"), mode.get(0));
    assertTrue(mode.get(0).contains("\\r\\x1b[2k\\x1b[1a\\n  pass"), mode.get(0));
    assertTrue(mode.get(0).contains("docker\\u009b2j"), mode.get(0));

    CliRun plan = CliRun.practice(home, "plan", "--step", "approvals");
    assertEquals(0, plan.code(), plan.err());
    noControls("plan", plan.out() + plan.err());
    assertTrue(plan.out().contains("-  backend: \"\\e]52;c;"), plan.out());
    assertTrue(
        plan.out().contains(" NOTE=\\x1b]0;owned\\x07\\r\\x1b[2K\\u009b2J\\u202eLIAF\n"),
        plan.out());

    Path md = home.resolve("report.md");
    CliRun report = CliRun.practice(home, "report", "-o", md.toString());
    assertEquals(0, report.code(), report.err());
    noControls("report", Files.readString(md) + report.out() + report.err());
    assertTrue(Files.readString(md).contains("\\x1b]0;owned\\x07"), Files.readString(md));
    assertFalse(Files.readString(md).contains("\u202e"), "no reordering mark in the report");
  }
}
