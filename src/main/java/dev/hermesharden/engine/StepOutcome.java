package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.steps.FixRef;
import java.util.List;
import java.util.Optional;

/** What applying (or proving) a whole step came to; {@code state} is the step afterwards. */
public sealed interface StepOutcome {
  StepState state();

  /** Everything the plan had is in (and kept, where a new proof was needed). */
  record Done(StepState state) implements StepOutcome {}

  /** A part's guard refused: the proofs it misses. That part and the ones after it did not run. */
  record Refused(FixRef fix, List<Missing> missing, StepState state) implements StepOutcome {
    public Refused {
      missing = List.copyOf(missing);
    }
  }

  /**
   * A part could not be planned or stopped with an error.
   *
   * @param rolledBack the files it had written were restored from their backups
   * @param revert what became of its revert job, if it had one (disarmed, or fired at once)
   */
  record Failed(
      FixRef fix, Reason why, boolean rolledBack, Optional<RevertState> revert, StepState state)
      implements StepOutcome {}

  /**
   * A proof did not come. For a part applied under confirm-or-revert, {@code revert} says what the
   * server does: FIRED (put back at once, the proof failed) or ARMED (put back by itself at the
   * deadline).
   */
  record Unproven(
      EvidenceKind kind,
      Optional<FixRef> fix,
      Optional<ArmedRevert> revert,
      ProofOutcome end,
      StepState state)
      implements StepOutcome {}

  /**
   * What the step would change now is not what was shown (an earlier part changed the server):
   * nothing more ran; show {@code fresh} and ask again.
   */
  record PlanChanged(StepPlan fresh, StepState state) implements StepOutcome {}

  /** Whether the step passed afterwards (verified or skipped). */
  default boolean passed() {
    return state().status().passed();
  }
}
