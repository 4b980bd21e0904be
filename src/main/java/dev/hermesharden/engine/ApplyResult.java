package dev.hermesharden.engine;

/** The answer to {@link WizardEngine#apply}: refused by the guard, or applied (ok or failed). */
public sealed interface ApplyResult {
  /** The guard refused; the host was not touched. */
  record Refused(GuardDecision.Refused decision) implements ApplyResult {}

  /** The plan ran (see {@link ApplyOutcome#ok()}); {@code state} is the step after re-checking. */
  record Applied(ApplyOutcome outcome, StepState state) implements ApplyResult {}
}
