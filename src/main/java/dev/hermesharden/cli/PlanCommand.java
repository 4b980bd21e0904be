package dev.hermesharden.cli;

import dev.hermesharden.engine.GuardDecision;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.report.Redactor;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code plan}: the exact commands and diffs each fix would apply; changes nothing on the host. */
@Command(name = "plan", sortOptions = false)
final class PlanCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(names = "--step", paramLabel = "ID", descriptionKey = "cli.plan.option.step")
  String stepId;

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    try {
      WizardEngine engine = setup.engine("cli.needs-root.plan");
      engine.startOrResume(setup.baseAnswers());
      Printer p = new Printer(setup.messages, setup.out, setup.words());
      for (StepDefinition step : StepSelection.select(setup, stepId)) {
        p.stepHeader(step);
        List<Plan> plans = engine.plan(step.id());
        for (int i = 0; i < plans.size(); i++) {
          FixRef ref = step.fixes().get(i);
          setup.out.println(
              setup.messages.get("cli.plan.fix", ref.id(), setup.messages.get(ref.titleKey())));
          if (ref.destructive()) {
            setup.out.println("  " + setup.messages.get("cli.plan.destructive"));
            if (engine.guard(step.id(), ref.id()) instanceof GuardDecision.Refused r) {
              p.refusal(r);
            }
          }
          Plan plan = plans.get(i);
          setup.out.print(
              plan.isEmpty()
                  ? "  " + setup.messages.get("cli.plan.nothing") + "\n"
                  : Redactor.shown(plan));
        }
        if (plans.isEmpty()) {
          setup.out.println("  " + setup.messages.get("cli.plan.no-fixes"));
        }
      }
      return ExitCode.OK.code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }
}
