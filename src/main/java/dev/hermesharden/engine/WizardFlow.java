package dev.hermesharden.engine;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.model.Answers;
import dev.hermesharden.steps.StepDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wizard's rules as a pure state machine: a session goes in, a new session comes out; no I/O.
 *
 * <p>Gating: every step before the current one has passed ({@link StepStatus#passed()}); the
 * current step is open; every later step is {@code LOCKED}, except steps the admin skipped (a skip
 * is a decision, not a live state, so it stands). After every transition the session is
 * re-normalised: if a passed step stops passing (a failing re-check, a revert, a new apply), every
 * later step that is not skipped locks again, keeping its results and changes as history. The one
 * rule a caller must remember: nothing happens to a {@code LOCKED} step.
 */
public final class WizardFlow {
  private WizardFlow() {}

  /** A new session: the first step open, the rest locked. */
  public static Session start(
      List<StepDefinition> steps,
      Answers answers,
      String id,
      String hostName,
      boolean practice,
      Instant now) {
    List<StepState> states = steps.stream().map(d -> StepState.locked(d.id(), now)).toList();
    Session s =
        new Session(
            Session.CURRENT_VERSION,
            id,
            hostName,
            practice,
            answers,
            states,
            List.of(),
            List.of(),
            now,
            now,
            List.of());
    return normalize(s, now);
  }

  /** Live checks ran: all satisfied → VERIFIED, else CHECKED (a skipped step stays skipped). */
  public static Session checked(Session s, String stepId, List<CheckResult> results, Instant now) {
    StepState st = open(s, stepId);
    boolean pass = results.stream().allMatch(r -> r.status().satisfied());
    StepStatus next =
        pass
            ? StepStatus.VERIFIED
            : st.status() == StepStatus.SKIPPED ? StepStatus.SKIPPED : StepStatus.CHECKED;
    StepState updated = st.withResults(results).withStatus(next, now);
    if (pass) {
      updated = updated.withSkip(Optional.empty());
    }
    return replace(s, updated, now);
  }

  /** A fix was applied (even partly): → APPLIED until the checks confirm it. */
  public static Session applied(Session s, String stepId, AppliedChange change, Instant now) {
    StepState st = open(s, stepId);
    StepState updated =
        st.withChange(change).withSkip(Optional.empty()).withStatus(StepStatus.APPLIED, now);
    return replace(s, updated, now);
  }

  /**
   * A change stays on the host only until its armed revert fires, since no proof came to disarm it:
   * a step its checks called VERIFIED is APPLIED again (not passed, so later steps lock) until a
   * proof disarms the revert and the checks run again, or the revert fires (REVERTED).
   */
  public static Session awaitingRevert(Session s, String stepId, Instant now) {
    StepState st = open(s, stepId);
    if (st.status() != StepStatus.VERIFIED) {
      return s;
    }
    return replace(s, st.withStatus(StepStatus.APPLIED, now), now);
  }

  /** The admin skipped the step: allowed from READY, CHECKED, APPLIED and REVERTED. */
  public static Session skipped(Session s, String stepId, SkipReason reason, Instant now) {
    if (reason == null) {
      throw new IllegalTransitionException("engine.skip.reason-required", List.of());
    }
    StepState st = open(s, stepId);
    if (st.status() == StepStatus.VERIFIED || st.status() == StepStatus.SKIPPED) {
      throw new IllegalTransitionException(
          "engine.transition.not-allowed", List.of(stepId, st.status().name(), "skip"));
    }
    StepState updated = st.withSkip(Optional.of(reason)).withStatus(StepStatus.SKIPPED, now);
    return replace(s, updated, now);
  }

  /** The step's changes were undone on the host: → REVERTED (open again; later steps lock). */
  public static Session reverted(Session s, String stepId, Instant now) {
    StepState st = open(s, stepId);
    if (st.changes().isEmpty()) {
      throw new IllegalTransitionException("engine.transition.nothing-to-revert", List.of(stepId));
    }
    return replace(s, st.withStatus(StepStatus.REVERTED, now), now);
  }

  /** The first step that has not passed: where the wizard stands. Empty when all have passed. */
  public static Optional<StepState> current(Session s) {
    return s.steps().stream().filter(st -> !st.status().passed()).findFirst();
  }

  /**
   * The step's state, refusing unknown and locked steps.
   *
   * @throws IllegalTransitionException {@code engine.transition.locked} or {@code
   *     engine.transition.unknown-step}
   */
  public static StepState open(Session s, String stepId) {
    StepState st =
        s.state(stepId)
            .orElseThrow(
                () ->
                    new IllegalTransitionException(
                        "engine.transition.unknown-step", List.of(stepId)));
    if (st.status() == StepStatus.LOCKED) {
      String before = current(s).map(StepState::stepId).orElse("");
      throw new IllegalTransitionException("engine.transition.locked", List.of(stepId, before));
    }
    return st;
  }

  /** Restores the gating invariant (see the class comment). */
  public static Session normalize(Session s, Instant now) {
    List<StepState> out = new ArrayList<>();
    boolean allPassedSoFar = true;
    for (StepState st : s.steps()) {
      if (allPassedSoFar) {
        if (!st.status().passed()) {
          allPassedSoFar = false;
          if (st.status() == StepStatus.LOCKED) {
            st = st.withStatus(StepStatus.READY, now);
          }
        }
      } else if (st.status() != StepStatus.LOCKED && st.status() != StepStatus.SKIPPED) {
        st = st.withStatus(StepStatus.LOCKED, now);
      }
      out.add(st);
    }
    return s.withSteps(out, s.updated());
  }

  private static Session replace(Session s, StepState updated, Instant now) {
    List<StepState> out = new ArrayList<>(s.steps());
    out.set(s.indexOf(updated.stepId()), updated);
    return normalize(s.withSteps(out, now), now);
  }
}
