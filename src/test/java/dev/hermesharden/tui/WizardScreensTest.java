package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.hermesharden.engine.Journal;
import dev.hermesharden.engine.JournalLoad;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.testing.StepChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user found in the full-screen wizard (issue 11 §3), each kept fixed: Tab moves and
 * marks the focus, a locked step can be looked at, the three parts of the teaching text are one key
 * away, a skip is said to be a skip, F1 depends on the screen and F2 is newest first, a resize
 * redraws under a dialog and "too small" covers it, NO_COLOR marks focus without colour and draws
 * no shadow over text, and the German walk shows whole names and whole sentences.
 */
class WizardScreensTest {
  /** How many steps the packaged step files declare. */
  private static final int STEPS = StepChecks.steps().size();

  private static final Messages EN = Messages.english();
  private static final Clock FIXED =
      Clock.fixed(Instant.parse("2026-03-02T09:30:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private static String row(String screen, int n) {
    return screen.split("\n")[n];
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void tabMovesTheFocusAndTheMarkGoesWithIt() throws Exception {
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, EN)) {
      String s = h.waitFor("✘ FAIL");
      assertTrue(row(s, 2).startsWith("» Steps"), s);
      h.key(KeyType.Tab);
      s = h.waitFor("» [w Why]");
      assertTrue(row(s, 2).startsWith("Steps"), "the mark left the list:\n" + s);
      h.key(KeyType.Tab);
      h.waitFor("» Live checks");
      h.key(KeyType.Tab);
      s = h.waitFor("»[r] Re-check");
      h.key(KeyType.Tab);
      h.waitFor("»[c] Changes");
      h.key(KeyType.ReverseTab).key(KeyType.ReverseTab);
      h.waitFor("» Live checks");
      h.key(KeyType.Escape);
      h.waitFor("» Steps");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aLockedStepCanBeLookedAtInTheListButNotWorkedOn() throws Exception {
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, EN)) {
      h.waitFor("✘ FAIL");
      h.key(KeyType.ArrowDown).key(KeyType.ArrowDown);
      String s = h.waitFor("Step 3 of " + STEPS + " · locked");
      assertTrue(s.contains("A private way in (Tailscale or VPN)"), "a preview of step 3:\n" + s);
      // the pane says why it is locked; the status line does not repeat it
      assertTrue(s.contains("Step 3 Private path is locked: it opens when step 1"), s);
      assertFalse(s.contains("Step 3 Private path is locked. It opens"), s);
      h.type("a");
      h.waitFor("Step 3 Private path is locked.");
      assertFalse(h.screen().contains(EN.get("tui.button.apply-confirm")), "nothing to apply");
      // the status line wraps to two lines instead of cutting the sentence off
      assertTrue(h.screen().contains("passed (verified or skipped)."), h.screen());
      h.key(KeyType.ArrowUp).key(KeyType.ArrowUp);
      h.waitFor("Step 1 of " + STEPS + " · not yet");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void whatCanBreakAndHowToUndoAreOneKeyAway() throws Exception {
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, EN)) {
      h.waitFor("✘ FAIL");
      h.type("b");
      h.waitFor("[b What can break]");
      h.waitFor("Nothing stops working: adding the admin to group");
      h.type("u");
      h.waitFor("[u How to undo]");
      h.waitFor("Remove the admin from sudo with");
      h.type("w");
      h.waitFor("[w Why]");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aSkipIsSaidToBeASkipAndItsReasonIsShownAndReported() throws Exception {
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, EN)) {
      h.waitFor("✘ FAIL");
      h.type("s");
      h.waitFor("In your own words");
      h.type("users are managed by our LDAP");
      h.key(KeyType.Tab).key(KeyType.Enter);
      String s = h.waitFor("Step 1 Users skipped (It does not apply to this server).");
      assertFalse(s.contains("Step 1 Users passed"), s);
      h.waitFor("Step 2 of " + STEPS);
      h.key(KeyType.ArrowUp);
      s = h.waitFor("Skipped (It does not apply to this server): users");
      assertTrue(s.contains("are managed by our LDAP"), "the skip's own words:\n" + s);
      assertTrue(s.contains("↷ 1 Users"), s);
      h.key(KeyType.F6);
      h.waitFor("The report was written to");
      h.type("2");
    }
    String md = Files.readString(onlyReport());
    assertTrue(md.contains("users are managed by our LDAP"), md);
    assertTrue(md.contains("It does not apply to this server"), md);
  }

  /**
   * The screen shows a new session's first results before they are saved (the first frame does not
   * wait for the journal's JSON mapper); they are saved once the worker is idle, without a key.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theResultsOnTheScreenAreSavedOnceTheWorkerIsIdle() throws Exception {
    Journal journal = new Journal(dir, FIXED);
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, EN)) {
      h.waitFor("Live checks");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      Optional<StepState> users = Optional.empty();
      while (users.map(u -> u.lastResults().isEmpty()).orElse(true)) {
        assertTrue(System.nanoTime() < deadline, "the results were never saved");
        Thread.sleep(20);
        users =
            journal.load() instanceof JournalLoad.Loaded l
                ? l.session().state("users")
                : Optional.empty();
      }
      assertEquals(StepStatus.CHECKED, users.get().status());
      assertEquals(StepChecks.steps().get(0).checks().size(), users.get().lastResults().size());
    }
  }

  /** A save of results that fails (here: the state directory is a file) is said once. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aResultsSaveThatFailsInTheBackgroundIsSaidOnce() throws Exception {
    Path notADirectory = dir.resolve("state");
    Files.writeString(notADirectory, "a file\n");
    String wrong = EN.get("tui.error.title");
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), notADirectory, EN)) {
      String s = h.waitFor(wrong);
      assertTrue(s.contains("The wizard could not save its progress."), s); // wrapped after it
      h.key(KeyType.Enter);
      h.waitFor("Live checks");
      for (int i = 0; i < 4; i++) { // idle moments in between: none saves again or says so
        h.key(i % 2 == 0 ? KeyType.ArrowDown : KeyType.ArrowUp);
        assertFalse(h.waitFor("Live checks").contains(wrong), h.screen());
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void quitMidwayAndResumeShowsWhatWasDoneAndContinues() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), EN);
    try (TuiHarness h = TuiHarness.start(host, dir, EN)) {
      Walk.harden(h, steps.get(0), EN);
      h.waitFor("Step 2 of " + STEPS);
      h.type("q");
      assertEquals(0, h.waitExit());
    }
    try (TuiHarness h = TuiHarness.start(host, dir, EN)) {
      String s = h.waitFor("Welcome back");
      assertTrue(s.contains("Step 1 Users: still verified"), s);
      h.key(KeyType.Enter);
      s = h.waitFor("Step 2 of " + STEPS);
      assertTrue(s.contains("✔ 1 Users"), s);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void helpIsAboutTheScreenItIsOpenedOnAndTheLogIsNewestFirst() throws Exception {
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, EN)) {
      h.waitFor("✘ FAIL");
      h.key(KeyType.F1);
      String help = h.waitFor("Help: step 1 Users");
      assertTrue(help.contains("Why: You should log in as your own admin"), help);
      h.key(KeyType.Escape);
      h.waitGone("Help: step 1 Users");
      h.press("a", EN.get("tui.button.apply-confirm"));
      h.key(KeyType.F1);
      h.waitFor("Apply now runs exactly what is shown");
      h.key(KeyType.Escape);
      h.waitGone("Apply now runs exactly what is shown");
      h.key(KeyType.Escape);
      h.waitGone(EN.get("tui.button.apply-confirm"));
      h.key(KeyType.F2);
      String log = h.waitFor("newest first");
      List<String> times =
          log.lines()
              .map(l -> l.replaceAll("^.*│(\\d\\d:\\d\\d:\\d\\d) +exit.*$", "$1"))
              .filter(t -> t.matches("\\d\\d:\\d\\d:\\d\\d"))
              .toList();
      assertTrue(times.size() >= 3, log);
      for (int i = 1; i < times.size(); i++) {
        assertTrue(times.get(i - 1).compareTo(times.get(i)) >= 0, "newest first: " + times);
      }
      assertFalse(log.matches("(?s).*\\d{2}:\\d{2}:\\d{2}\\.\\d+.*"), "no nanoseconds:\n" + log);
      h.key(KeyType.Enter);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aResizeRedrawsUnderADialogAndTooSmallCoversItUntilItFitsAgain() throws Exception {
    try (TuiHarness h =
        TuiHarness.start(SimulatedHost.fresh(), dir, EN, new TerminalSize(120, 40), false)) {
      String big = h.waitFor("✘ FAIL");
      assertTrue(big.contains("q quit (progress is saved)"), "full key bar at 120:\n" + big);
      assertEquals(40, big.split("\n").length);
      h.key(KeyType.F1);
      h.waitFor("Help: step 1 Users");
      h.resize(80, 24);
      String s = h.waitFor("q quit (saved)"); // the main screen behind the dialog was laid out anew
      assertTrue(s.contains("Help: step 1 Users"), "the dialog stays open:\n" + s);
      h.resize(60, 20);
      s = h.waitFor("too small");
      assertFalse(s.contains("Help: step 1 Users"), "nothing clipped shows through:\n" + s);
      h.resize(80, 24);
      s = h.waitFor("Help: step 1 Users");
      assertFalse(s.contains("too small"), s);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void asciiModeDrawsNoUnicodeSymbols() throws Exception {
    try (TuiHarness h =
        TuiHarness.start(SimulatedHost.fresh(), dir, EN, new TerminalSize(80, 24), true)) {
      String s = h.waitFor("[!] FAIL");
      assertTrue(s.contains(" >  1 Users"), s);
      assertTrue(s.contains(" .  2 SSH keys"), s);
      assertTrue(s.contains("> Steps"), "the focus mark in ASCII:\n" + s);
      assertTrue(s.chars().allMatch(ch -> ch < 0x80), "non-ASCII on the main screen:\n" + s);
      String dialog = h.press("a", h.messages.get("tui.button.apply-confirm"));
      assertTrue(
          dialog.chars().allMatch(ch -> ch < 0x80),
          "non-ASCII in a dialog (border, scroll bar):\n" + dialog);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void withoutColourFocusIsMarkedAndDialogsCastNoShadowOverText() throws Exception {
    try (TuiHarness h = TuiHarness.fixed(SimulatedHost.fresh(), dir, EN, FIXED, false)) {
      String before = h.waitFor("✘ FAIL");
      h.key(KeyType.F1);
      String with = h.waitFor("Help: step 1 Users");
      // the row under the dialog's frame and the columns right of it show the screen behind
      String[] a = before.split("\n");
      String[] b = with.split("\n");
      int bottom = -1;
      for (int r = 0; r < b.length; r++) {
        if (b[r].contains("└")) {
          bottom = r;
        }
      }
      assertTrue(bottom > 0 && bottom + 1 < b.length, with);
      assertEquals(
          a[bottom + 1].substring(3), b[bottom + 1].substring(3), "no shadow row:\n" + with);
      int right = b[bottom].lastIndexOf('┘');
      assertEquals(
          a[bottom - 1].substring(right + 1, right + 3),
          b[bottom - 1].substring(right + 1, right + 3),
          "no shadow column:\n" + with);
      assertTrue(with.contains("»[1] Close"), "focus marked:\n" + with);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void germanWalkShowsWholeNamesAndWholeSentences() throws Exception {
    Messages de = Messages.forLanguage("de");
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), de);
    try (TuiHarness h = TuiHarness.start(SimulatedHost.fresh(), dir, de)) {
      String first = h.waitFor("Live-Prüfungen");
      assertTrue(first.contains("F2 Protokoll"), "footer and help say the same:\n" + first);
      assertTrue(first.contains("· 2 SSH-Schlüssel "), "not cut:\n" + first);
      assertTrue(first.contains("· 7 Hermes-Ordner "), "not cut:\n" + first);
      assertTrue(first.contains("✘ NICHT OK:"), first);
      assertFalse(first.contains("FEHLT:"), first);
      for (StepDefinition d : steps) {
        Walk.harden(h, d, de);
      }
      String last =
          h.waitFor(
              "Alle "
                  + STEPS
                  + " Schritte sind erledigt: "
                  + STEPS
                  + " bestätigt, 0 übersprungen.");
      assertFalse(last.contains("von " + STEPS + "."), last);
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
