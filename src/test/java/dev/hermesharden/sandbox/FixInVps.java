package dev.hermesharden.sandbox;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.host.LocalHost;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import dev.hermesharden.testing.PlanApplier;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Test-only entry point run INSIDE the sandbox VPS ({@link SandboxVps#javaMain}): plans one
 * production fix with its step file's params on the real host and applies the plan with {@link
 * PlanApplier}. Usage: {@code FixInVps STEP FIX [KEY=VALUE answers...]}; prints the plan, exit 0
 * when applied, 1 when a command failed.
 *
 * <p>Caveat: it bypasses the engine's guards and step order on purpose: the trap tests prove what a
 * fix does to the real daemons; the guards and the order are proven through the CLI in {@code
 * SandboxStepsTest}.
 */
public final class FixInVps {
  private FixInVps() {}

  public static void main(String[] args) throws Exception {
    Catalog catalog = Catalog.standard();
    FixRef ref = fixRef(catalog, args[0], args[1]);
    Answers answers = Answers.EMPTY.with("session.login-user", "admin");
    for (String a : List.of(args).subList(2, args.length)) {
      answers = answers.with(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    StepContext ctx = context(answers);
    LocalHost host = new LocalHost();
    Plan plan = catalog.fix(ref.id()).orElseThrow().plan(host, ref.params(), ctx);
    System.out.print(plan.isEmpty() ? Cli.NOTHING + "\n" : plan.render());
    try {
      PlanApplier.apply(host, plan);
    } catch (AssertionError e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  /** A fix of a packaged step file, with the params the step file gives it. */
  static FixRef fixRef(Catalog catalog, String stepId, String fixId) throws Exception {
    StepDefinition step =
        StepFiles.loadPackaged(catalog, Messages.english()).stream()
            .filter(s -> s.id().equals(stepId))
            .findFirst()
            .orElseThrow();
    return step.fixes().stream().filter(f -> f.id().equals(fixId)).findFirst().orElseThrow();
  }

  /** The context the wizard gives fixes in the VPS: the admin, from the workstation's address. */
  static StepContext context(Answers answers) {
    return new StepContext(
        answers, List.of(), Clock.systemUTC(), Optional.of(SandboxVps.WS_PUBLIC));
  }
}
