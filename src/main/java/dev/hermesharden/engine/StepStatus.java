package dev.hermesharden.engine;

/**
 * Where one step stands in the wizard. Only {@link #VERIFIED} and {@link #SKIPPED} let the next
 * step open; see {@link WizardFlow} for the transitions.
 */
public enum StepStatus {
  /** An earlier step has not passed yet: nothing may be checked, applied or skipped here. */
  LOCKED,
  /** Open, not checked yet (or unlocked again after an earlier step passed once more). */
  READY,
  /** Checked; at least one live check is not satisfied. */
  CHECKED,
  /** A fix was applied; the live checks have not confirmed it yet. */
  APPLIED,
  /** Every live check is satisfied. */
  VERIFIED,
  /** The admin skipped the step, with a reason. */
  SKIPPED,
  /** A change of this step was undone; the step is open again. */
  REVERTED;

  /** Whether the step lets the next one open. */
  public boolean passed() {
    return this == VERIFIED || this == SKIPPED;
  }
}
