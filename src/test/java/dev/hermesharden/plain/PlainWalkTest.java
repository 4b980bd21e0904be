package dev.hermesharden.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.testing.StepChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line-mode wizard through JLine's dumb terminal over piped streams: a whole practice walk,
 * every step applied, proven and verified, compared line by line with a golden transcript (English
 * and German). Only what differs between runs is replaced: the one-time tokens, the revert job ids
 * and the temporary state directory.
 */
class PlainWalkTest {
  /** How many steps the packaged step files declare. */
  private static final int STEPS = StepChecks.steps().size();

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T09:30:00Z"), ZoneOffset.UTC);

  /**
   * What the admin types for the walk: help once, then each step's default (Enter), "1" where a
   * change that can cut the admin off asks and Cancel is the default, Enter to let the practice
   * workstation run each proof.
   */
  static final String WALK =
      String.join(
              "\n", "?", // help on step 1
              "", // 1 users: apply
              "", //   apply now
              "", // 2 ssh-keys: apply
              "", //   apply now
              "", //   prove login (the default once applied)
              "", //   run it (practice)
              "", // 3 private-path: prove login
              "", //   run it
              "", // 4 firewall: apply
              "1", //   apply now (guarded: Cancel is the default)
              "", //   run the new proof
              "1", //   the part planned again once ufw is on: apply it too
              "", //   run the new proof
              "", // 5 sshd: apply
              "1", //   apply now
              "", //   run the new proof
              "", // 6 fail2ban
              "", "", // 7 hermes-dir
              "", "", // 8 docker
              "", "", // 9 approvals
              "", "")
          + later();

  /**
   * Steps after the nine the script above knows (appended to the card order) take Enter once when
   * they only check (Check again) and twice when they have fixes (apply, apply now).
   */
  private static String later() {
    StringBuilder out = new StringBuilder();
    for (var d : StepChecks.steps().subList(Math.min(9, STEPS), STEPS)) {
      out.append(d.fixes().isEmpty() ? "\n" : "\n\n");
    }
    return out.toString();
  }

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aWholePracticeWalkInEnglish() throws Exception {
    PlainRun r = PlainRun.of(SimulatedHost.fresh(), dir, Messages.english(), CLOCK, WALK);
    assertEquals(0, r.code(), r.transcript());
    String t = normalized(r.transcript());
    assertTrue(
        t.contains("All " + STEPS + " steps are done: " + STEPS + " verified, 0 skipped."), t);
    Golden.compare("plain-walk-en.txt", t);
    assertEquals(1, reports().size());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aWholePracticeWalkInGerman() throws Exception {
    PlainRun r = PlainRun.of(SimulatedHost.fresh(), dir, Messages.forLanguage("de"), CLOCK, WALK);
    assertEquals(0, r.code(), r.transcript());
    String t = normalized(r.transcript());
    assertTrue(
        t.contains(
            "Alle " + STEPS + " Schritte sind erledigt: " + STEPS + " bestätigt, 0 übersprungen."),
        t);
    Golden.compare("plain-walk-de.txt", t);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theEndOfInputSavesAndTheNextRunResumesWhereItStopped() throws Exception {
    SimulatedHost vps = SimulatedHost.fresh();
    PlainRun first = PlainRun.of(vps, dir, Messages.english(), CLOCK, "\n\n");
    assertEquals(0, first.code());
    assertTrue(first.transcript().contains("✔ Step 1 Users passed."), first.transcript());
    assertTrue(
        first
            .transcript()
            .strip()
            .endsWith("run the same command again to continue where\nyou stopped."),
        first.transcript());

    PlainRun second = PlainRun.of(vps, dir, Messages.english(), CLOCK, "q\n");
    String t = second.transcript();
    assertTrue(t.contains("Step 1 Users: still verified"), t);
    assertTrue(t.contains("Step 2 of " + STEPS + ": SSH keys for the admin."), t);
    assertFalse(t.contains("Step 1 of " + STEPS), "it continues at step 2:\n" + t);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void skippingAsksWhyAndForWordsAndSaysSkippedNotPassed() throws Exception {
    // 3 = skip; kind 2 (done elsewhere); a blank reason is refused; then the words
    PlainRun r =
        PlainRun.of(
            SimulatedHost.fresh(),
            dir,
            Messages.english(),
            CLOCK,
            "3\n2\n\nmanaged by our LDAP\nq\n");
    String t = r.transcript();
    assertTrue(t.contains("A reason is required to skip a step."), t);
    assertTrue(t.contains("Step 1 Users skipped (It is done elsewhere"), t);
    assertFalse(t.contains("Step 1 Users passed"), t);
    assertTrue(t.contains("Step 2 of " + STEPS), t);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aWrongChoiceIsToldAndAskedAgain() throws Exception {
    PlainRun r = PlainRun.of(SimulatedHost.fresh(), dir, Messages.english(), CLOCK, "9\nx\nq\n");
    String t = r.transcript();
    assertEquals(
        2, t.split("Please type a number from 1 to 6, or \\? for help.", -1).length - 1, t);
    assertTrue(t.contains("Stopped. Your progress is saved"), t);
  }

  /** The transcript with what differs between runs replaced by names. */
  private String normalized(String transcript) {
    return transcript
        .replace(dir.toString(), "<state dir>")
        .replaceAll("(?m)^  [A-Z2-7]{26}$", "  <TOKEN>")
        .replaceAll("\\b\\d{8}t\\d{6}-[0-9a-f]{6}\\b", "<revert id>")
        // the watch baseline hashes .env, which holds the API key the approvals step generated
        .replaceAll("(hermes file \\.env\tsha256:)[0-9a-f]{64}", "$1<random>");
  }

  private List<Path> reports() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("reports"))) {
      return s.toList();
    }
  }
}
