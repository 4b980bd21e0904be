package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.ProofChannel;
import dev.hermesharden.model.ProofException;
import dev.hermesharden.model.ProofSession;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.time.Instant;
import java.util.Optional;

/**
 * The one guarded apply of a whole step, for every front end: plan → guard → arm revert → apply →
 * prove → disarm, part by part, as shown. A part that the server changed since it was shown (an
 * earlier part opened it up) stops the flow to be shown again, unless the listener accepts it. A
 * part applied under confirm-or-revert waits here for its new proof ({@link ProofWait}); a proof
 * that cannot come (refused, not askable) puts the change back at once, one that does not come in
 * time leaves it to the host's job. Proofs are never waited for while holding the engine's lock.
 */
final class ApplyFlow {
  /** How long after the deadline a wait must end before the host is asked what its job did. */
  static final java.time.Duration LATE = java.time.Duration.ofSeconds(2);

  private final WizardEngine engine;
  private final ProofChannel channel;
  private final ProofWait wait;

  ApplyFlow(WizardEngine engine, ProofChannel channel, ProofWait wait) {
    this.engine = engine;
    this.channel = channel;
    this.wait = wait;
  }

  StepOutcome apply(StepPlan shown, ApplyListener l) {
    StepDefinition d = engine.steps().definition(shown.stepId());
    StepPlan plan = shown;
    boolean changedBefore = false;
    boolean provedMissing = false;
    int i = 0;
    while (i < plan.parts().size()) {
      StepPlan.Part part = plan.parts().get(i);
      if (part.plan().isEmpty() && !changedBefore) {
        i++; // nothing to do, and nothing changed since it was planned
        continue;
      }
      l.applying(part);
      FixOutcome o = engine.applyFix(d.id(), part.fix().id(), part.plan());
      l.applied(part, o);
      if (o instanceof FixOutcome.Done done) {
        changedBefore |= done.outcome().change().touchedHost();
        i++;
      } else if (o instanceof FixOutcome.PlanChanged) {
        StepPlan fresh;
        try {
          fresh = engine.preview(d.id(), plan.fixIds());
        } catch (HostException | RuntimeException e) {
          Reason why =
              Reason.of("engine.plan-error", part.fix().id(), String.valueOf(e.getMessage()));
          return new StepOutcome.Failed(part.fix(), why, false, Optional.empty(), state(d));
        }
        if (!l.acceptChanged(fresh)) {
          return new StepOutcome.PlanChanged(fresh, state(d));
        }
        plan = fresh;
        changedBefore = false;
        i = 0;
      } else if (o instanceof FixOutcome.Refused r) {
        if (provedMissing || !l.proveMissing(r.missing())) {
          return new StepOutcome.Refused(part.fix(), r.missing(), state(d));
        }
        provedMissing = true;
        for (Missing m : r.missing()) {
          ProofOutcome p = prove(m.kind(), Optional.empty(), l);
          if (!(p instanceof ProofOutcome.Proven)) {
            return new StepOutcome.Unproven(
                m.kind(), Optional.of(part.fix()), Optional.empty(), p, state(d));
          }
        }
      } else if (o instanceof FixOutcome.Failed f) {
        return new StepOutcome.Failed(part.fix(), f.why(), f.rolledBack(), f.revert(), state(d));
      } else if (o instanceof FixOutcome.NeedsProof n) {
        changedBefore = true;
        Optional<StepOutcome> unproven = confirm(d, part.fix(), n, l);
        if (unproven.isPresent()) {
          return unproven.get();
        }
        i++;
      }
    }
    return new StepOutcome.Done(state(d));
  }

  /** Proves every kind the step produces, then checks it. */
  StepOutcome proveStep(String stepId, ApplyListener l) {
    StepDefinition d = engine.steps().definition(stepId);
    for (EvidenceKind kind : d.produces()) {
      ProofOutcome p = prove(kind, Optional.empty(), l);
      if (!(p instanceof ProofOutcome.Proven)) {
        engine.check(stepId);
        return new StepOutcome.Unproven(kind, Optional.empty(), Optional.empty(), p, state(d));
      }
    }
    engine.check(stepId);
    return new StepOutcome.Done(state(d));
  }

  /**
   * Asks for a fresh proof of {@code kind} and waits for it: until {@code revert}'s deadline when a
   * change waits for it, else for the listener's timeout or until the token expires. A proven login
   * is recorded (which disarms the jobs it proves safe).
   */
  ProofOutcome prove(EvidenceKind kind, Optional<ArmedRevert> revert, ApplyListener l) {
    ProofSession session;
    try {
      session = channel.begin(kind, engine.session().answers());
    } catch (ProofException e) {
      return new ProofOutcome.NotAsked(Reason.of(e.key(), e.args().toArray()));
    }
    l.asked(session.ask(), revert);
    Instant deadline = session.ask().expires();
    if (revert.isPresent()) {
      deadline = min(deadline, revert.get().deadline());
    } else if (l.proofTimeout().isPresent()) {
      deadline = min(deadline, engine.clock().instant().plus(l.proofTimeout().get()));
    }
    ProofOutcome out = wait.await(session, deadline, l);
    if (out instanceof ProofOutcome.Proven p) {
      engine.recordEvidence(p.evidence());
      l.proven(p.evidence());
    }
    return out;
  }

  /**
   * The new proof a part applied under confirm-or-revert needs. Empty when it came and disarmed the
   * job; else what became of the change.
   */
  private Optional<StepOutcome> confirm(
      StepDefinition d, FixRef fix, FixOutcome.NeedsProof n, ApplyListener l) {
    l.armed(n.revert());
    ProofOutcome p = prove(n.kind(), Optional.of(n.revert()), l);
    ArmedRevert now = engine.revert(n.revert().id()).orElse(n.revert());
    if (now.state() == RevertState.DISARMED) {
      l.disarmed(now, n.kind());
      return Optional.empty();
    }
    if (now.state() == RevertState.ARMED
        && p instanceof ProofOutcome.TimedOut t
        && engine.clock().instant().isAfter(t.deadline().plus(LATE))) {
      // the wait could only end long after the deadline (the link to the server was cut and came
      // back another way): the host's job has had its time, so ask what it did
      engine.refreshReverts();
      now = engine.revert(now.id()).orElse(now);
    } else if (now.state() == RevertState.ARMED
        && (p instanceof ProofOutcome.Refused || p instanceof ProofOutcome.NotAsked)) {
      // no proof can come now: do not leave the admin shut out until the deadline
      engine.revertNow(now.id());
      now = engine.revert(now.id()).orElse(now);
    }
    if (now.state() == RevertState.ARMED) {
      // the host's job puts the change back at the deadline: not verified, whatever checks said
      engine.awaitingRevert(d.id());
    }
    return Optional.of(
        new StepOutcome.Unproven(n.kind(), Optional.of(fix), Optional.of(now), p, state(d)));
  }

  private StepState state(StepDefinition d) {
    return engine.session().state(d.id()).orElseThrow();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static java.util.List<String> ids(java.util.List<FixRef> fixes) {
    return fixes.stream().map(FixRef::id).toList();
  }
}
