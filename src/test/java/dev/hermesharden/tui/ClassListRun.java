package dev.hermesharden.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.hermesharden.cli.Cli;
import dev.hermesharden.cli.CliEnvironment;
import dev.hermesharden.engine.RunMode;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.host.Daemons;
import dev.hermesharden.host.HostFacts;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.PracticeMode;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.system.probe.HostProbe;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a user's first minute loads, run headless for the class list the build makes (src/build/
 * class-data-archive.sh runs it with {@code -XX:DumpLoadedClassList} and the launcher's flags):
 * {@code audit --practice --json}, the wizard's command line, then the wizard on the practice VPS
 * to its first full frame (steps and the first check results) on a virtual 80×24 terminal, and
 * quit. Only the system terminal's own classes are missing (it needs a real terminal).
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
    // the wizard's command line (it stops at "no terminal": standard output is not one here)
    String wizard = state.resolve("wizard").toString();
    Cli.run(new String[] {"--practice", "--state-dir", wizard}, nowhere, nowhere, env);
    System.exit(firstFrame(Path.of(wizard)) ? 0 : 1);
  }

  /** The rest of the wizard's path (RootCommand.call) on a virtual terminal, to the first frame. */
  private static boolean firstFrame(Path stateDir) throws Exception {
    Clock clock = Clock.systemUTC();
    Messages m = Messages.english();
    Catalog catalog = Catalog.standard();
    RunMode mode = PracticeMode.load(stateDir, clock);
    WizardEngine engine =
        new WizardEngine(mode, StepFiles.loadPackaged(catalog, m), catalog, clock);
    Optional<String> os = HostProbe.os(mode.host()).map(HostFacts.Os::shortName);
    TuiOptions options = TuiOptions.fromEnvironment(Map.of("LANG", "C.UTF-8"), os);
    DefaultVirtualTerminal term = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    WizardApp app = new WizardApp(engine, m, term, options, clock);
    Thread gui = Daemons.start("class-list-wizard", () -> run(app));
    // "Live checks: N of M ok": the first check results are on the screen (as tui-pty.py waits)
    String counted = m.get("tui.checks.count", "\0", "\0");
    String frame = counted.substring(0, counted.indexOf('\0'));
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (System.currentTimeMillis() < deadline && !ScreenText.of(term).contains(frame)) {
      Thread.sleep(20);
    }
    boolean drawn = ScreenText.of(term).contains(frame);
    term.addInput(new KeyStroke('q', false, false));
    gui.join(5_000);
    return drawn;
  }

  private static void run(WizardApp app) {
    try {
      app.run();
    } catch (Exception e) {
      e.printStackTrace();
    }
  }
}
