package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.model.EvidenceKind;
import java.util.List;
import java.util.Optional;

/** What one guarded apply of one fix came to ({@link WizardEngine#applyFix}). */
public sealed interface FixOutcome {
  /** The plan went through (or had nothing to do); {@code state} is the step after its checks. */
  record Done(ApplyOutcome outcome, StepState state) implements FixOutcome {}

  /** A proof is missing, stale or would not hold after the plan: nothing was touched. */
  record Refused(List<Missing> missing) implements FixOutcome {
    public Refused {
      missing = List.copyOf(missing);
    }
  }

  /**
   * The plan could not be made, or stopped.
   *
   * @param rolledBack the files written were restored from their backups
   * @param revert what became of the revert job armed for it (disarmed, fired), if one was
   */
  record Failed(Reason why, boolean rolledBack, Optional<RevertState> revert, StepState state)
      implements FixOutcome {}

  /**
   * The change is in under an armed revert job: a NEW proof of {@code kind} must come before the
   * job's deadline, or the host puts the change back by itself.
   */
  record NeedsProof(EvidenceKind kind, ArmedRevert revert, StepState state) implements FixOutcome {}

  /** The plan made now is not the one shown (other commands or files): nothing was touched. */
  record PlanChanged(Plan fresh) implements FixOutcome {}
}
