package dev.hermesharden.cli;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.LocalHost;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.practice.PracticeStore;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFileException;
import dev.hermesharden.steps.StepFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What every command needs, built from the global options: the host (practice VPS or this machine),
 * the state directory, the validated step files and the words.
 */
final class Setup {
  static final Path REAL_STATE_DIR = Path.of("/var/lib/hermes-harden");

  final GlobalOptions globals;
  final CliEnvironment env;
  final Messages messages;
  final PrintWriter out;
  final PrintWriter err;
  final Catalog catalog = Catalog.standard();
  private Host host;

  Setup(
      GlobalOptions globals,
      CliEnvironment env,
      Messages messages,
      PrintWriter out,
      PrintWriter err) {
    this.globals = globals;
    this.env = env;
    this.messages = messages;
    this.out = out;
    this.err = err;
  }

  Path stateDir() {
    if (globals.stateDir() != null) {
      return globals.stateDir();
    }
    if (globals.practice()) {
      Path base =
          env.get("XDG_STATE_HOME").map(Path::of).orElse(env.home().resolve(".local/state"));
      return base.resolve("hermes-harden-practice");
    }
    return REAL_STATE_DIR;
  }

  /**
   * The practice VPS, or this machine when the caller is root.
   *
   * @param why i18n key of the reason this command needs root, told when it is not
   */
  Host host(String why) throws Refusal {
    if (host != null) {
      return host;
    }
    if (globals.practice()) {
      host = new PracticeStore(stateDir()).load();
    } else {
      if (!env.root()) {
        throw new Refusal(ExitCode.USAGE, messages.get("cli.needs-root", messages.get(why)));
      }
      host = new LocalHost();
    }
    return host;
  }

  /** Saves the practice VPS after a command changed it; nothing to do on a real host. */
  void persist() throws IOException {
    if (host instanceof SimulatedHost sim) {
      new PracticeStore(stateDir()).save(sim);
    }
  }

  List<StepDefinition> steps() throws Refusal {
    try {
      return StepFiles.loadPackaged(catalog, messages);
    } catch (StepFileException e) {
      throw new Refusal(ExitCode.INTERNAL, messages.get("cli.error.step-file", e.getMessage()));
    }
  }
}
