package dev.hermesharden.cli;

import dev.hermesharden.engine.AnswersFile;
import dev.hermesharden.engine.ApplyResult;
import dev.hermesharden.engine.IllegalTransitionException;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.report.Redactor;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code apply --step ID [--yes]}: applies one step's fixes through the same engine and guards as
 * the wizard, then re-runs the step's live checks. Without {@code --yes} it only shows the plan.
 */
@Command(name = "apply", sortOptions = false)
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(names = "--step", paramLabel = "ID", descriptionKey = "cli.apply.option.step")
  String stepId;

  @Option(names = "--answers", paramLabel = "FILE", descriptionKey = "cli.apply.option.answers")
  java.nio.file.Path answersFile;

  @Option(
      names = "--proof-timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      descriptionKey = "cli.apply.option.proof-timeout")
  long proofTimeoutSeconds;

  @Option(names = "--fix", paramLabel = "ID", descriptionKey = "cli.apply.option.fix")
  String fixId;

  @Option(names = "--yes", descriptionKey = "cli.apply.option.yes")
  boolean yes;

  @Option(
      names = "--revert-window",
      paramLabel = "SECONDS",
      descriptionKey = "cli.apply.option.revert-window")
  Integer revertWindow;

  @Option(names = "--set", paramLabel = "KEY=VALUE", descriptionKey = "cli.apply.option.set")
  java.util.Map<String, String> answers = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    Printer p = new Printer(setup.messages, setup.out);
    try {
      if (answersFile != null) {
        return replay(setup);
      }
      if (stepId == null) {
        throw new Refusal(ExitCode.USAGE, setup.messages.get("cli.apply.step-or-answers"));
      }
      // before anything is saved: a refused --set leaves the session as it was
      answers.forEach((k, v) -> AnswersFile.check("--set", 0, k, k, v));
      StepDefinition step = StepSelection.select(setup, stepId).get(0);
      WizardEngine engine = setup.engine("cli.needs-root.apply");
      if (revertWindow != null) {
        if (revertWindow < 1) {
          throw new Refusal(
              ExitCode.USAGE, setup.messages.get("cli.apply.bad-window", revertWindow));
        }
        engine.setRevertWindow(java.time.Duration.ofSeconds(revertWindow));
      }
      dev.hermesharden.model.Answers given = setup.baseAnswers();
      for (var e : answers.entrySet()) {
        given = given.with(e.getKey(), e.getValue());
      }
      new Printer(setup.messages, setup.out).reverts(engine.startOrResume(given));
      p.stepHeader(step);
      List<FixRef> fixes =
          step.fixes().stream().filter(f -> fixId == null || f.id().equals(fixId)).toList();
      if (fixes.isEmpty()) {
        throw new Refusal(
            ExitCode.USAGE,
            setup.messages.get("cli.apply.no-such-fix", String.valueOf(fixId), step.id()));
      }
      boolean refused = false;
      StepState last = null;
      for (FixRef ref : fixes) {
        Plan plan = planOf(engine, step, ref);
        setup.out.println(
            setup.messages.get("cli.plan.fix", ref.id(), setup.messages.get(ref.titleKey())));
        if (plan.isEmpty()) {
          setup.out.println("  " + setup.messages.get("cli.plan.nothing"));
          continue;
        }
        setup.out.print(Redactor.shown(plan));
        if (!yes) {
          continue;
        }
        ApplyResult result = engine.apply(step.id(), ref.id(), plan);
        if (result instanceof ApplyResult.Refused r) {
          p.refusal(r.decision());
          refused = true;
        } else if (result instanceof ApplyResult.Applied a && a.outcome().ok()) {
          last = a.state();
          if (!new RevertWait(setup, engine).confirm(step.id())) {
            setup.persist();
            return ExitCode.FINDINGS.code();
          }
          last = engine.session().state(step.id()).orElse(last);
        } else if (result instanceof ApplyResult.Applied a) {
          setup.out.println(
              setup.messages.get(
                  "cli.apply.failed", a.outcome().failure().map(setup.messages::get).orElse("")));
          if (a.outcome().rolledBack()) {
            setup.out.println(setup.messages.get("cli.apply.rolled-back"));
          }
          if (engine
              .lastRevert(step.id())
              .filter(r -> r.fixId().equals(ref.id()))
              .filter(r -> r.state() == dev.hermesharden.engine.RevertState.FIRED)
              .isPresent()) {
            setup.out.println(setup.messages.get("cli.revert.fired-now"));
          }
          setup.persist();
          return ExitCode.FINDINGS.code();
        }
      }
      setup.persist();
      if (!yes) {
        setup.out.println(setup.messages.get("cli.apply.dry-run"));
        return ExitCode.OK.code();
      }
      // apply re-ran the step's checks already; only a step with nothing to apply needs a check
      StepState st = last != null ? last : engine.check(step.id());
      p.state(st);
      return (!refused && st.status().passed() ? ExitCode.OK : ExitCode.FINDINGS).code();
    } catch (IllegalTransitionException e) {
      setup.err.println(setup.messages.get(e.reason()));
      return ExitCode.FINDINGS.code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }

  /** {@code --answers FILE}: validated completely before anything runs, then replayed. */
  private int replay(Setup setup) throws Exception {
    var m = setup.messages;
    if (stepId != null || fixId != null || !answers.isEmpty()) {
      throw new Refusal(ExitCode.USAGE, m.get("cli.apply.answers-alone"));
    }
    if (!yes) {
      throw new Refusal(ExitCode.USAGE, m.get("cli.apply.answers-needs-yes"));
    }
    AnswersFile file;
    try {
      String text = java.nio.file.Files.readString(answersFile);
      file =
          new dev.hermesharden.engine.AnswersFileParser(
                  answersFile.toString(), java.util.Set.copyOf(AnswersReplay.stepIds(setup)))
              .parse(text);
    } catch (java.io.IOException e) {
      throw new Refusal(ExitCode.USAGE, m.get("cli.answers.unreadable", answersFile, e));
    } catch (BadInputException e) {
      throw new Refusal(
          ExitCode.USAGE,
          m.get("cli.answers.refused", e.where(), m.get(e.key(), e.args().toArray())));
    }
    return new AnswersReplay(setup, java.time.Duration.ofSeconds(proofTimeoutSeconds)).run(file);
  }

  private static Plan planOf(WizardEngine engine, StepDefinition step, FixRef ref)
      throws Exception {
    return engine.plan(step.id()).get(step.fixes().indexOf(ref));
  }
}
