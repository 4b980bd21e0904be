package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
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

/** Screens of the wizard on a virtual terminal: locking, skip, resume, help, log, sizes, ASCII. */
class WizardScreensTest {
  private static final Messages EN = Messages.english();
  private static final String USERS = "1 · Admin and service accounts";

  @TempDir Path dir;

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aLockedStepCannotBeEntered() throws Exception {
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, EN)) {
      h.waitFor("✘ FAIL");
      h.key(KeyType.ArrowDown).key(KeyType.ArrowDown).key(KeyType.Enter);
      String s = h.waitFor("Step 3 Private path is locked");
      assertTrue(s.contains("opens when step 1 Users has passed"), s);
      assertTrue(s.contains(USERS), "the pane still shows step 1:\n" + s);
      assertFalse(s.contains("3 · A private way in"), s);
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void skipNeedsAReasonAndTheReportShowsIt() throws Exception {
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, EN)) {
      h.waitFor("✘ FAIL");
      h.type("s");
      h.waitFor("In your own words");
      h.key(KeyType.Tab).key(KeyType.Enter);
      h.waitFor("A reason is required to skip a step.");
      h.type("users are managed by our LDAP").key(KeyType.Tab).key(KeyType.Enter);
      String s = h.waitFor("Step 1 Users passed");
      assertTrue(s.contains("skipped"), s);
      h.waitFor("2 · SSH keys for the admin");
      h.key(KeyType.F6);
      h.waitFor("The report was written to");
      h.key(KeyType.Enter);
    }
    String md = Files.readString(onlyReport());
    assertTrue(md.contains("users are managed by our LDAP"), md);
    assertTrue(md.contains("It does not apply to this server"), md);
    assertTrue(md.contains("Remaining risk:"), md);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void quitMidwayAndResumeShowsWhatWasDoneAndContinues() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), EN);
    try (TuiHarness h = TuiHarness.start(host, dir, EN)) {
      Walk.harden(h, steps.get(0), EN);
      h.waitFor("2 · SSH keys for the admin");
      h.type("q");
      assertEquals(0, h.waitExit());
    }
    try (TuiHarness h = TuiHarness.start(host, dir, EN)) {
      String s = h.waitFor("Welcome back");
      assertTrue(s.contains("Step 1 Users: still verified"), s);
      h.key(KeyType.Enter);
      s = h.waitFor("2 · SSH keys for the admin");
      assertTrue(s.contains("✔ 1 Users"), s);
      Walk.harden(h, steps.get(1), EN);
      h.waitFor("3 · A private way in");
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void helpAndLogOpenAndClose() throws Exception {
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, EN)) {
      h.waitFor("✘ FAIL");
      h.key(KeyType.F1);
      h.waitFor("p prove login");
      h.key(KeyType.Escape);
      h.waitGone("p prove login");
      h.key(KeyType.F2);
      String log = h.waitFor("Session log");
      assertTrue(log.contains("exit 0"), log);
      h.key(KeyType.Enter);
      h.waitGone("Session log");
      h.type("q");
      assertEquals(0, h.waitExit());
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void usesABigTerminalAndFollowsAResize() throws Exception {
    try (TuiHarness h =
        TuiHarness.start(SimulatedHost.fresh(), dir, EN, new TerminalSize(120, 40), false)) {
      String big = h.waitFor("✘ FAIL");
      assertTrue(
          big.contains("q quit (progress is saved)"), "full key bar at 120 columns:\n" + big);
      assertEquals(40, big.split("\n").length);
      h.resize(60, 20);
      h.waitFor("too small");
      h.resize(80, 24);
      // the footer is drawn last: waiting for the step list could catch a half-drawn frame
      String s = h.waitFor("q quit (saved)");
      assertTrue(s.contains(USERS), s);
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void asciiModeDrawsNoUnicodeSymbols() throws Exception {
    try (TuiHarness h =
        TuiHarness.start(SimulatedHost.fresh(), dir, EN, new TerminalSize(80, 24), true)) {
      String s = h.waitFor("[!] FAIL");
      assertTrue(s.contains(" >  1 Users"), s);
      assertTrue(s.contains(" .  2 SSH keys"), s);
      assertTrue(s.contains("F1 help - F2 log"), s);
      assertTrue(s.chars().allMatch(ch -> ch < 0x80), "non-ASCII on the main screen:\n" + s);
      h.type("a");
      String dialog = h.waitFor(h.messages.get("tui.button.apply-confirm"));
      assertTrue(
          dialog.chars().allMatch(ch -> ch < 0x80),
          "non-ASCII in a dialog (border, scroll bar):\n" + dialog);
    }
  }

  @Test
  @Timeout(value = 40, unit = TimeUnit.SECONDS)
  void germanWalkThrough() throws Exception {
    Messages de = Messages.forLanguage("de");
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), de);
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, de)) {
      String first = h.waitFor("Live-Prüfungen");
      assertTrue(first.contains("F1 Hilfe"), first);
      assertTrue(first.contains("gesperrt"), first);
      for (StepDefinition d : steps) {
        Walk.harden(h, d, de);
      }
      String last = h.waitFor("Alle Schritte sind erledigt");
      assertTrue(last.contains("9 bestätigt"), last);
    }
    String md = Files.readString(onlyReport());
    assertTrue(md.contains("Noch von Hand zu erledigen"), md);
  }

  private Path onlyReport() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("reports"))) {
      List<Path> all = s.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }
}
