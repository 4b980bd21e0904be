package dev.hermesharden.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text wraps at word boundaries: no word is broken unless it is longer than a whole line. */
class WrapTest {
  @Test
  void wordsAreNeverBrokenAndTheContinuationIsIndented() {
    String text =
        "Guard: ✔ private-path login as admin, key"
            + " SHA256:zWDM2h8qzSDm8yIasQ1f8RILa4ui/p7pJ3eF32YL/Go, 0 min ago, fresh";
    List<String> lines = Wrap.lines(text, 52, "  ");
    assertEquals(
        List.of(
            "Guard: ✔ private-path login as admin, key",
            "  SHA256:zWDM2h8qzSDm8yIasQ1f8RILa4ui/p7pJ3eF32YL/Go,",
            "  0 min ago, fresh"),
        lines);
  }

  @Test
  void germanSentencesBreakBetweenWords() {
    String text =
        "Bitte prüfen Sie, warum der Server nicht antwortet, und versuchen Sie es erneut.";
    for (int width = 12; width < 60; width++) {
      for (String line : Wrap.lines(text, width, "")) {
        assertTrue(text.contains(line.strip()), width + ": " + line);
        assertTrue(line.length() <= width, width + ": " + line);
      }
    }
  }

  @Test
  void aParagraphKeepsItsOwnIndentation() {
    assertEquals(
        List.of("  Nothing to change yet:", "  planned again later."),
        Wrap.lines("  Nothing to change yet: planned again later.", 25, ""));
  }
}
