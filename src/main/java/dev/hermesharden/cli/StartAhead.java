package dev.hermesharden.cli;

import dev.hermesharden.host.Daemons;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.tui.WizardApp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * What a command needs before it can look at the host and the arguments do not decide, begun on a
 * thread of its own as the process starts, while picocli builds its model and parses the arguments
 * on the main thread (the longest single piece of the start, on one core of two): the catalog, the
 * packaged step files, validated, and for the full-screen wizard Lanterna's theme. {@link Setup}
 * takes them from here. When nothing was begun (help, the version, an in-process run in the tests)
 * or the work failed, the caller does it on its own thread as before, so a failure is met and
 * reported there, once.
 */
final class StartAhead {
  record Work(Catalog catalog, List<StepDefinition> steps) {}

  private static volatile FutureTask<Work> begun;

  private StartAhead() {}

  /** Begins the work unless the arguments ask for help or the version. */
  static void beginFor(String[] args) {
    begun = begin(args).orElse(null);
  }

  /** The work begun on its own thread, or nothing for help and version (they need none of it). */
  static Optional<FutureTask<Work>> begin(String[] args) {
    for (String a : args) {
      if (a.startsWith("-h") || a.equals("--help") || a.startsWith("-V") || a.equals("--version")) {
        return Optional.empty();
      }
    }
    FutureTask<Work> task =
        new FutureTask<>(
            () -> {
              Catalog catalog = Catalog.standard();
              // English: every language falls back to it key by key, so the keys checked are the
              // same
              List<StepDefinition> steps = StepFiles.loadPackaged(catalog, Messages.english());
              if (Arrays.stream(args).noneMatch(RootCommand::namesSubcommand)) {
                WizardApp.prepareTheme(); // the full-screen wizard's
              }
              return new Work(catalog, steps);
            });
    Daemons.start("start-ahead", task);
    return Optional.of(task);
  }

  /** The catalog made ahead, else a new one. */
  static Catalog catalog() {
    return work().map(Work::catalog).orElseGet(Catalog::standard);
  }

  /** The step files loaded ahead with this catalog, if they were. */
  static Optional<List<StepDefinition>> steps(Catalog catalog) {
    return work().filter(w -> w.catalog() == catalog).map(Work::steps);
  }

  private static Optional<Work> work() {
    FutureTask<Work> task = begun;
    if (task == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(task.get());
    } catch (ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
