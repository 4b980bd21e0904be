package dev.hermesharden.cli;

import dev.hermesharden.i18n.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code hermes-harden}: global options and the sub-commands. */
@Command(
    name = "hermes-harden",
    versionProvider = VersionProvider.class,
    sortOptions = false,
    subcommands = {
      AuditCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      SkipCommand.class,
      ProveCommand.class
    })
final class RootCommand implements Callable<Integer> {
  final PrintWriter out;
  final PrintWriter err;
  final CliEnvironment env;
  final Messages messages;
  final GlobalOptions globals = new GlobalOptions();

  RootCommand(PrintWriter out, PrintWriter err, CliEnvironment env, Messages messages) {
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

  @Override
  public Integer call() {
    // The full-screen wizard arrives with the TUI; until then point at what works.
    err.println(messages.get("cli.wizard.unavailable"));
    return ExitCode.USAGE.code();
  }

  Setup setup() {
    return new Setup(globals, env, messages, out, err);
  }
}
