package dev.hermesharden.cli;

import dev.hermesharden.engine.AnswersFile;
import dev.hermesharden.engine.ApplyResult;
import dev.hermesharden.engine.GuardDecision;
import dev.hermesharden.engine.Missing;
import dev.hermesharden.engine.SkipReason;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Prover;
import dev.hermesharden.proof.LocalProver;
import dev.hermesharden.proof.PendingProof;
import dev.hermesharden.proof.PollResult;
import dev.hermesharden.proof.ProofException;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Replays an answers file through the SAME engine and guards as the wizard: steps in card order,
 * the file's skips with their reasons, every other step checked and its fixes applied. When a guard
 * asks for a proof, the practice prover performs it; on a real server the admin is told the command
 * to run in a second terminal and the replay waits for the proof to appear in the state file, up to
 * the proof timeout, then stops with exit 3. A guard is never skipped.
 */
final class AnswersReplay {
  private final Setup setup;
  private final Printer p;
  private final Duration proofTimeout;
  private WizardEngine engine;

  AnswersReplay(Setup setup, Duration proofTimeout) {
    this.setup = setup;
    this.p = new Printer(setup.messages, setup.out);
    this.proofTimeout = proofTimeout;
  }

  int run(AnswersFile file) throws Exception {
    var m = setup.messages;
    Answers given = setup.baseAnswers();
    for (var e : file.answers().entrySet()) {
      given = given.with(e.getKey(), e.getValue());
    }
    engine = setup.engine("cli.needs-root.apply");
    engine.startOrResume(given);
    for (StepDefinition step : setup.steps()) {
      p.stepHeader(step);
      SkipReason skip = file.skips().get(step.id());
      StepState st;
      StepState saved = engine.session().state(step.id()).orElseThrow();
      if (skip != null && saved.status() == dev.hermesharden.engine.StepStatus.SKIPPED) {
        st = saved; // skipped already (a second replay): the saved reason stands
      } else if (skip != null) {
        st = engine.skip(step.id(), skip.kind(), skip.text());
      } else {
        st = engine.check(step.id());
        for (FixRef ref : step.fixes()) {
          if (st.status().passed()) {
            break;
          }
          if (!prove(step, ref)) {
            setup.persist();
            return ExitCode.FINDINGS.code();
          }
          ApplyResult r = engine.apply(step.id(), ref.id());
          if (r instanceof ApplyResult.Refused refused) {
            p.refusal(refused.decision());
            setup.persist();
            return ExitCode.FINDINGS.code();
          }
          ApplyResult.Applied a = (ApplyResult.Applied) r;
          if (!a.outcome().ok()) {
            setup.out.println(
                m.get("cli.apply.failed", a.outcome().failure().map(m::get).orElse("")));
            setup.persist();
            return ExitCode.FINDINGS.code();
          }
          st = a.state();
          // confirm-or-revert: a NEW proof over the safe path, or the server puts it back
          if (!new RevertWait(setup, engine).confirm(step.id())) {
            setup.persist();
            return ExitCode.FINDINGS.code();
          }
          st = engine.session().state(step.id()).orElse(st);
        }
        for (EvidenceKind kind : step.produces()) {
          if (!st.status().passed() && !obtain(kind)) {
            setup.persist();
            return ExitCode.FINDINGS.code();
          }
          st = engine.check(step.id());
        }
      }
      setup.persist();
      p.state(st);
      if (!st.status().passed()) {
        setup.err.println(m.get("cli.answers.step-failed", step.id()));
        return ExitCode.FINDINGS.code();
      }
    }
    return ExitCode.OK.code();
  }

  /** Gets every proof the fix's guard misses; false when one cannot be had. */
  private boolean prove(StepDefinition step, FixRef ref) throws Exception {
    GuardDecision g = engine.guard(step.id(), ref.id());
    if (g instanceof GuardDecision.Refused r) {
      for (Missing missing : r.missing()) {
        if (!obtain(missing.kind())) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean obtain(EvidenceKind kind) throws Exception {
    var m = setup.messages;
    Prover prover = setup.prover();
    if (prover.automatic()) {
      Prover.Attempt a = prover.attempt(kind, engine.session().answers());
      if (a.evidence().isEmpty()) {
        setup.err.println(
            m.get("cli.prove.failed", m.get(a.failureKey(), a.failureArgs().toArray())));
        return false;
      }
      engine.recordEvidence(a.evidence().get());
      setup.out.println(m.get("cli.answers.proved", kind.id(), a.evidence().get().user()));
      return true;
    }
    // A real server: the proof is the admin's own key login from a second terminal running
    // `hermes-harden confirm` (token on its stdin); we show both and wait, but not forever.
    if (!(prover instanceof LocalProver local)) {
      setup.err.println(m.get("cli.answers.no-prover", kind.id()));
      return false;
    }
    PendingProof pending;
    try {
      pending = local.begin(kind, engine.session().answers());
    } catch (ProofException e) {
      setup.err.println(m.get("cli.prove.failed", m.get(e.key(), e.args().toArray())));
      return false;
    }
    setup.out.println(m.get("cli.answers.wait-proof", kind.id(), proofTimeout.toSeconds()));
    ConfirmWait.show(m, setup.out, pending);
    setup.out.flush();
    Instant deadline = setup.clock.instant().plus(proofTimeout);
    while (setup.clock.instant().isBefore(deadline)) {
      PollResult r = local.poll();
      if (r instanceof PollResult.Proven proven) {
        engine.recordEvidence(proven.evidence());
        setup.out.println(m.get("cli.answers.proved", kind.id(), proven.evidence().user()));
        return true;
      }
      if (r instanceof PollResult.Rejected no) {
        setup.out.println(m.get("cli.prove.refused", m.get(no.key(), no.args().toArray())));
        setup.out.flush();
        if (no.terminal()) {
          break;
        }
      }
      Thread.sleep(ConfirmWait.POLL.toMillis());
    }
    setup.err.println(m.get("cli.answers.proof-timeout", kind.id(), proofTimeout.toSeconds()));
    return false;
  }

  static List<String> stepIds(Setup setup) throws Refusal {
    return setup.steps().stream().map(StepDefinition::id).toList();
  }
}
