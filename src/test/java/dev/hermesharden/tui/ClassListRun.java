package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.hermesharden.cli.Cli;
import dev.hermesharden.cli.CliEnvironment;
import dev.hermesharden.host.Daemons;
import dev.hermesharden.i18n.Messages;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a user's first minute loads, run headless for the class list the build makes (src/build/
 * class-data-archive.sh runs it with {@code -XX:DumpLoadedClassList} and the launcher's flags):
 * {@code audit --practice --json}, then the wizard ({@code --practice}, through the same command
 * line and path as a user's) to its first full frame (steps and the first check results) on a
 * virtual 80×24 terminal, and quit. Only the system terminal's own classes are missing (it needs a
 * real terminal).
 *
 * <p>Usage: {@code ClassListRun STATE_DIR} (an empty directory; two practice VPSes go into it).
 * Exits 0 once the frame was drawn, 1 if it was not within a minute.
 */
public final class ClassListRun {
  private static final long DEADLINE_MILLIS = 60_000;

  private ClassListRun() {}

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    CliEnvironment env = CliEnvironment.current();
    String audit = state.resolve("audit").toString();
    Cli.run(
        new String[] {"audit", "--practice", "--json", "--state-dir", audit},
        nowhere,
        nowhere,
        env);
    System.exit(firstFrame(env, state.resolve("wizard").toString()) ? 0 : 1);
  }

  /**
   * The wizard's own command line and path ({@code RootCommand.call}) on a virtual terminal, to the
   * first full frame, then {@code q}.
   */
  private static boolean firstFrame(CliEnvironment env, String stateDir) throws Exception {
    DefaultVirtualTerminal term = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    Map<String, String> vars = Map.of("LANG", "C.UTF-8", "TERM", "xterm-256color");
    CliEnvironment onScreen =
        new CliEnvironment(vars, env.uid(), env.home()).onScreen(TerminalSource.of(term));
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    String[] wizard = {"--practice", "--state-dir", stateDir};
    Thread gui =
        Daemons.start("class-list-wizard", () -> Cli.run(wizard, nowhere, nowhere, onScreen));
    // "Live checks: N of M ok": the first check results are on the screen (as tui-pty.py waits)
    Messages m = Messages.english();
    String counted = m.get("tui.checks.count", "@N@", "@N@");
    String frame = counted.substring(0, counted.indexOf("@N@"));
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (System.currentTimeMillis() < deadline && !ScreenText.of(term).contains(frame)) {
      Thread.sleep(20);
    }
    boolean drawn = ScreenText.of(term).contains(frame);
    term.addInput(new KeyStroke('q', false, false));
    gui.join(5_000);
    return drawn;
  }
}
