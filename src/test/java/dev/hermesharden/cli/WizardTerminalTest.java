package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard needs a terminal on standard input and output: without one it says so in one line and
 * exits 2 (it used to hang on {@code </dev/null}, and without any tty it failed with "Internal
 * error: Cannot run program /bin/stty"). A terminal that cannot address the cursor gets the line
 * mode.
 */
class WizardTerminalTest {
  @TempDir Path home;

  @Test
  void withoutATerminalTheWizardSaysSoInOneLineAndExits2() throws Exception {
    for (String lang : new String[] {"C.UTF-8", "de_DE.UTF-8"}) {
      CliEnvironment env =
          new CliEnvironment(Map.of("LANG", lang, "USER", "alice", "TERM", "xterm"), 1000, home);
      CliRun r = CliRun.of(env, "--practice", "--state-dir", home.resolve("s").toString());
      assertEquals(2, r.code(), r.err());
      assertEquals("", r.out());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertTrue(r.err().contains("apply --answers"), r.err());
      assertFalse(r.err().contains("Internal error"), r.err());
      assertFalse(Files.exists(home.resolve("s")), "nothing was started");
    }
  }

  @Test
  void theLineModeIsChosenForDumbOrMissingTerminalTypes() {
    assertTrue(env(null).lineTerminal(), "TERM unset");
    assertTrue(env("dumb").lineTerminal());
    assertTrue(env("unknown").lineTerminal());
    assertTrue(env("").lineTerminal(), "TERM empty");
    assertFalse(env("xterm-256color").lineTerminal());
    assertFalse(env("vt100").lineTerminal(), "vt100 addresses the cursor: full screen, no colour");
  }

  private CliEnvironment env(String term) {
    Map<String, String> e = new HashMap<>(Map.of("LANG", "C.UTF-8"));
    if (term != null) {
      e.put("TERM", term);
    }
    return new CliEnvironment(e, 1000, home, true);
  }
}
