package dev.hermesharden.cli;

import dev.hermesharden.engine.AnswersFile;
import dev.hermesharden.engine.AnswersFileParser;
import dev.hermesharden.engine.IllegalTransitionException;
import dev.hermesharden.engine.StepOutcome;
import dev.hermesharden.engine.StepPlan;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code apply --step ID [--fix ID] [--yes]}: shows the step's plan and, with {@code --yes},
 * applies it through the engine's one guarded flow (the same guards, auto-revert and proofs as the
 * wizard), then shows the step's live checks. Without {@code --yes} it only shows the plan.
 */
@Command(name = "apply", sortOptions = false)
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(names = "--step", paramLabel = "ID", descriptionKey = "cli.apply.option.step")
  String stepId;

  @Option(names = "--answers", paramLabel = "FILE", descriptionKey = "cli.apply.option.answers")
  Path answersFile;

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
  Map<String, String> answers = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    var m = setup.messages;
    setup.tellReconnects(setup.out);
    try {
      if (answersFile != null) {
        return replay(setup);
      }
      if (stepId == null) {
        throw new Refusal(ExitCode.USAGE, m.get("cli.apply.step-or-answers"));
      }
      // before anything is saved: a refused --set leaves the session as it was
      answers.forEach((k, v) -> AnswersFile.check("--set", 0, k, k, v));
      StepDefinition step = StepSelection.select(setup, stepId).get(0);
      List<String> fixIds =
          step.fixes().stream()
              .map(FixRef::id)
              .filter(id -> fixId == null || id.equals(fixId))
              .toList();
      // a step without fixes (it only checks and guides) is checked again: nothing to apply
      if (fixIds.isEmpty() && fixId != null) {
        throw new Refusal(
            ExitCode.USAGE, m.get("cli.apply.no-such-fix", String.valueOf(fixId), step.id()));
      }
      WizardEngine engine = setup.engine("cli.needs-root.apply");
      if (revertWindow != null) {
        if (revertWindow < 1) {
          throw new Refusal(ExitCode.USAGE, m.get("cli.apply.bad-window", revertWindow));
        }
        engine.setRevertWindow(Duration.ofSeconds(revertWindow));
      }
      Answers given = setup.baseAnswers();
      for (var e : answers.entrySet()) {
        given = given.with(e.getKey(), e.getValue());
      }
      Printer p = new Printer(setup.messages, setup.out, setup.words());
      p.reverts(engine.startOrResume(given));
      p.stepHeader(step);
      CliLines lines = new CliLines(setup.words(), setup.out, Optional.empty());
      StepPlan plan = engine.preview(step.id(), fixIds);
      lines.plan(plan, true);
      if (!yes) {
        setup.persist();
        setup.out.println(m.get("cli.apply.dry-run"));
        return ExitCode.OK.code();
      }
      StepState st;
      boolean done = true;
      if (plan.nothingToDo()) {
        st = engine.check(step.id());
      } else {
        StepOutcome o = engine.applyStep(plan, lines);
        lines.outcome(o);
        done = o instanceof StepOutcome.Done;
        st = o.state();
      }
      p.state(st);
      return (done && st.status().passed() ? ExitCode.OK : ExitCode.FINDINGS).code();
    } catch (IllegalTransitionException e) {
      setup.err.println(setup.words().reason(e.reason()));
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
      String text = Files.readString(answersFile);
      file =
          new AnswersFileParser(answersFile.toString(), Set.copyOf(AnswersReplay.stepIds(setup)))
              .parse(text);
    } catch (IOException e) {
      throw new Refusal(ExitCode.USAGE, m.get("cli.answers.unreadable", answersFile, e));
    } catch (BadInputException e) {
      throw new Refusal(
          ExitCode.USAGE,
          m.get("cli.answers.refused", e.where(), m.get(e.key(), e.args().toArray())));
    }
    return new AnswersReplay(setup, Duration.ofSeconds(proofTimeoutSeconds)).run(file);
  }
}
