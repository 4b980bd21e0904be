package dev.hermesharden.cli;

import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.host.HostFacts;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.plain.PlainWizard;
import dev.hermesharden.system.probe.HostProbe;
import dev.hermesharden.tui.TuiOptions;
import dev.hermesharden.tui.WizardApp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code hermes-harden}: global options and the sub-commands. The sub-commands are added by {@link
 * Cli} from {@link #SUBCOMMANDS} (not named in the annotation, where picocli would always build
 * their models): the wizard's own start does not need them.
 */
@Command(name = "hermes-harden", versionProvider = VersionProvider.class, sortOptions = false)
final class RootCommand implements Callable<Integer> {
  final Reader in;
  final PrintWriter out;
  final PrintWriter err;
  final CliEnvironment env;
  final Messages messages;
  final GlobalOptions globals = new GlobalOptions();

  /** The sub-commands, in the order help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          AuditCommand.class,
          PlanCommand.class,
          ApplyCommand.class,
          SkipCommand.class,
          ProveCommand.class,
          ReportCommand.class,
          AnswersCommand.class,
          ScheduleCommand.class,
          ReviewCommand.class,
          RestoreTestCommand.class,
          FactsCommand.class,
          ConfirmCommand.class);

  /** Whether {@code arg} names a sub-command (read from their annotations, no model built). */
  static boolean namesSubcommand(String arg) {
    for (Class<?> c : SUBCOMMANDS) {
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(arg) || List.of(command.aliases()).contains(arg)) {
        return true;
      }
    }
    return false;
  }

  RootCommand(Reader in, PrintWriter out, PrintWriter err, CliEnvironment env, Messages messages) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
    this.messages = messages;
  }

  @Option(names = "--practice", scope = ScopeType.INHERIT, descriptionKey = "cli.option.practice")
  void practice(boolean v) {
    globals.practice = v;
  }

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      descriptionKey = "cli.option.state-dir")
  void stateDir(Path v) {
    globals.stateDir = v;
  }

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      scope = ScopeType.INHERIT,
      descriptionKey = "cli.option.lang")
  void lang(String v) {
    globals.lang = v;
  }

  @Option(
      names = "--confirm-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      descriptionKey = "cli.option.confirm-dir")
  void confirmDir(String v) {
    globals.confirmDir = v;
  }

  @Option(
      names = "--confirm-program",
      paramLabel = "PATH",
      scope = ScopeType.INHERIT,
      descriptionKey = "cli.option.confirm-program")
  void confirmProgram(String v) {
    globals.confirmProgram = v;
  }

  @Option(
      names = "--remote",
      paramLabel = "[USER@]HOST[:PORT]",
      scope = ScopeType.INHERIT,
      descriptionKey = "cli.option.remote")
  void remote(String v) {
    globals.remote = v;
  }

  @Option(
      names = "--private-address",
      paramLabel = "ADDRESS",
      scope = ScopeType.INHERIT,
      descriptionKey = "cli.option.private-address")
  void privateAddress(String v) {
    globals.privateAddress = v;
  }

  @Option(names = "--plain", descriptionKey = "cli.option.plain")
  boolean plain;

  @Option(names = "--debug", scope = ScopeType.INHERIT, descriptionKey = "cli.option.debug")
  void debug(boolean v) {
    globals.debug = v;
  }

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      descriptionKey = "cli.option.help")
  boolean help;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      descriptionKey = "cli.option.version")
  boolean version;

  /**
   * The wizard: the line mode with {@code --plain} or on a terminal that cannot address the cursor,
   * else the full-screen one. Standard input and output must be a terminal: otherwise one line and
   * exit 2 (for scripts there are {@code audit} and {@code apply --answers}).
   */
  @Override
  public Integer call() throws IOException {
    Setup setup = setup();
    try {
      if (!env.terminal()) {
        err.println(messages.get("cli.wizard.no-terminal"));
        return ExitCode.USAGE.code();
      }
      WizardEngine engine = setup.engine("cli.needs-root.wizard");
      Optional<String> os = osName(setup);
      if (plain || env.lineTerminal()) {
        setup.tellReconnects(out);
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
          return new PlainWizard(engine, setup.words(), terminal, setup.clock, os).run();
        }
      }
      TuiOptions options = TuiOptions.fromEnvironment(env.env(), os);
      int code = WizardApp.on(env.screen(), engine, messages, options, setup.clock).run();
      // the screen is gone: say where the admin stands, so the terminal is not left blank
      out.println(messages.get("tui.quit"));
      return code;
    } catch (Refusal r) {
      err.println(r.getMessage());
      return r.code().code();
    }
  }

  private static Optional<String> osName(Setup setup) throws Refusal {
    // Only the OS: the header must not wait for sshd, systemctl or Docker to answer.
    Optional<String> os =
        HostProbe.os(setup.host("cli.needs-root.wizard")).map(HostFacts.Os::shortName);
    Optional<String> where = setup.remoteWhere();
    if (where.isEmpty()) {
      return os;
    }
    return Optional.of(os.map(o -> o + ", ").orElse("") + where.get());
  }

  Setup setup() {
    return new Setup(globals, env, messages, in, out, err);
  }
}
