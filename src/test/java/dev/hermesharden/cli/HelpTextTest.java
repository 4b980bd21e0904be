package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --help} prints apostrophes once (the message files double them for MessageFormat), and a
 * mistyped command gets a "did you mean".
 */
class HelpTextTest {
  @TempDir Path home;

  @Test
  void helpShowsOneApostropheNotTwo() {
    for (String lang : new String[] {"C.UTF-8", "de_DE.UTF-8"}) {
      CliEnvironment env = new CliEnvironment(Map.of("LANG", lang), 1000, home);
      CliRun apply = CliRun.of(env, "apply", "--help");
      assertEquals(0, apply.code(), apply.err());
      assertFalse(apply.out().contains("''"), apply.out());
      CliRun root = CliRun.of(env, "--help");
      assertFalse(root.out().contains("''"), root.out());
      assertTrue(root.out().contains("--plain"), root.out());
    }
    CliRun apply = CliRun.of(CliRun.user(home), "apply", "--help");
    assertTrue(apply.out().contains("Apply one step's fixes"), apply.out());
  }

  @Test
  void aMistypedCommandGetsASuggestion() {
    CliRun r = CliRun.of(CliRun.user(home), "aduit");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Did you mean: audit"), r.err());
  }
}
