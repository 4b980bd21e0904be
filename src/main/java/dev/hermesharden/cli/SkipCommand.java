package dev.hermesharden.cli;

import dev.hermesharden.engine.IllegalTransitionException;
import dev.hermesharden.engine.SkipKind;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.steps.StepDefinition;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code skip --step ID --kind KIND --reason TEXT}: skips a step; the reason goes in the report.
 */
@Command(name = "skip", sortOptions = false)
final class SkipCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(
      names = "--step",
      paramLabel = "ID",
      required = true,
      descriptionKey = "cli.skip.option.step")
  String stepId;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      required = true,
      descriptionKey = "cli.skip.option.kind")
  SkipKind kind;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      required = true,
      descriptionKey = "cli.skip.option.reason")
  String reason;

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    try {
      StepDefinition step = StepSelection.select(setup, stepId).get(0);
      WizardEngine engine = setup.engine("cli.needs-root.apply");
      engine.startOrResume(setup.baseAnswers());
      StepState st = engine.skip(step.id(), kind, reason);
      new Printer(setup.messages, setup.out, setup.words()).state(st);
      return ExitCode.OK.code();
    } catch (IllegalTransitionException e) {
      setup.err.println(setup.messages.get(e.reason()));
      return ExitCode.USAGE.code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }
}
