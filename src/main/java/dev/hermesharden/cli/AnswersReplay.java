package dev.hermesharden.cli;

import dev.hermesharden.engine.AnswersFile;
import dev.hermesharden.engine.ProofOutcome;
import dev.hermesharden.engine.SkipReason;
import dev.hermesharden.engine.StepOutcome;
import dev.hermesharden.engine.StepPlan;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.model.Answers;
import dev.hermesharden.steps.StepDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Replays an answers file through the SAME engine flow and guards as the wizard: steps in card
 * order, the file's skips with their reasons, every other step checked and, when it does not pass,
 * its plan applied and its proofs asked for. A proof a guard misses is asked for at once: the
 * practice workstation makes it; on a real server the admin is shown the command to run in a second
 * terminal and the replay waits up to the proof timeout, then stops with exit 3. A guard is never
 * skipped.
 */
final class AnswersReplay {
  private final Setup setup;
  private final Printer p;
  private final Duration proofTimeout;

  AnswersReplay(Setup setup, Duration proofTimeout) throws Refusal {
    this.setup = setup;
    this.p = new Printer(setup.messages, setup.out, setup.words());
    this.proofTimeout = proofTimeout;
  }

  int run(AnswersFile file) throws Exception {
    var m = setup.messages;
    Answers given = setup.baseAnswers();
    for (var e : file.answers().entrySet()) {
      given = given.with(e.getKey(), e.getValue());
    }
    WizardEngine engine = setup.engine("cli.needs-root.apply");
    engine.startOrResume(given);
    CliLines lines = new CliLines(setup.words(), setup.out, Optional.of(proofTimeout));
    for (StepDefinition step : setup.steps()) {
      p.stepHeader(step);
      SkipReason skip = file.skips().get(step.id());
      StepState st = engine.session().state(step.id()).orElseThrow();
      if (skip != null && st.status() == StepStatus.SKIPPED) {
        // skipped already (a second replay): the saved reason stands
      } else if (skip != null) {
        st = engine.skip(step.id(), skip.kind(), skip.text());
      } else {
        st = engine.check(step.id());
        if (!st.status().passed()) {
          StepPlan plan = engine.preview(step.id());
          if (!plan.nothingToDo()) {
            StepOutcome o = engine.applyStep(plan, lines);
            if (!(o instanceof StepOutcome.Done)) {
              return stop(lines, o);
            }
            st = o.state();
          }
        }
        if (!st.status().passed() && !step.produces().isEmpty()) {
          StepOutcome o = engine.proveStep(step.id(), lines);
          if (!(o instanceof StepOutcome.Done)) {
            return stop(lines, o);
          }
          st = o.state();
        }
      }
      p.state(st);
      if (!st.status().passed()) {
        setup.err.println(m.get("cli.answers.step-failed", step.id()));
        return ExitCode.FINDINGS.code();
      }
    }
    return ExitCode.OK.code();
  }

  /** Says why the replay stops here (a proof that did not come in time on stderr) and exits 3. */
  private int stop(CliLines lines, StepOutcome o) {
    if (o instanceof StepOutcome.Unproven u
        && u.revert().isEmpty()
        && u.end() instanceof ProofOutcome.TimedOut) {
      setup.err.println(
          setup.messages.get("cli.answers.proof-timeout", u.kind().id(), proofTimeout.toSeconds()));
    } else {
      lines.outcome(o);
    }
    p.state(o.state());
    return ExitCode.FINDINGS.code();
  }

  static List<String> stepIds(Setup setup) throws Refusal {
    return setup.steps().stream().map(StepDefinition::id).toList();
  }
}
