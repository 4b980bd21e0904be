package dev.hermesharden.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.hermesharden.cli.Cli;
import dev.hermesharden.cli.CliEnvironment;
import dev.hermesharden.i18n.Messages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-screen wizard started the way a user starts it, through the command line ({@code
 * hermes-harden --practice}): it draws its first full frame on the terminal it was given, and
 * {@code q} ends the command with exit 0, the session saved and one line that says how to resume.
 */
class WizardCommandLineTest {
  @TempDir Path home;

  @Test
  void theWizardsCommandLineDrawsOnItsTerminalAndQuitSaysHowToResume() throws Exception {
    DefaultVirtualTerminal term = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    CliEnvironment env =
        new CliEnvironment(Map.of("LANG", "C.UTF-8", "TERM", "xterm-256color"), 1000, home)
            .onScreen(TerminalSource.of(term));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path state = home.resolve("state");
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(
            () ->
                Cli.run(
                    new String[] {"--practice", "--state-dir", state.toString()},
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    env));
    Messages m = Messages.english();
    String checks = m.get("tui.checks.count", 3, 8);
    long deadline = System.currentTimeMillis() + 30_000;
    while (!ScreenText.of(term).contains(checks) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    String screen = ScreenText.of(term);
    assertTrue(screen.contains(checks), screen);
    assertTrue(screen.contains(m.get("tui.steps")), screen);
    term.addInput(new KeyStroke('q', false, false));
    assertEquals(0, code.get(30, TimeUnit.SECONDS), err.toString());
    assertEquals(m.get("tui.quit"), out.toString().strip());
    assertEquals("", err.toString());
    assertTrue(Files.isDirectory(state), "the practice session lives in the state directory");
  }
}
