package dev.hermesharden.engine;

import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a front end hears and decides while {@link WizardEngine#applyStep} works: each part as it
 * runs, a revert job armed, the proof asked for and its countdown ({@link ProofWait.Listener}), the
 * proof and the disarm. Called on the thread that applies; every method has a default, so a front
 * end implements what it shows.
 */
public interface ApplyListener extends ProofWait.Listener {
  /** A part is about to run. */
  default void applying(StepPlan.Part part) {}

  /** A part ran (or was refused, or failed). */
  default void applied(StepPlan.Part part, FixOutcome outcome) {}

  /** A revert job was armed on the host before a guarded part ran. */
  default void armed(ArmedRevert revert) {}

  /** A proof was recorded. */
  default void proven(Evidence evidence) {}

  /** The new proof came in time: the job is disarmed, the change stays. */
  default void disarmed(ArmedRevert revert, EvidenceKind kind) {}

  /**
   * The step's plan made after earlier parts differs from the one shown. Return true to apply
   * {@code fresh} now (a front end that says yes has shown it), false to stop with {@link
   * StepOutcome.PlanChanged}.
   */
  default boolean acceptChanged(StepPlan fresh) {
    return false;
  }

  /**
   * A part's guard misses proofs a login can give. Return true to prove them now and try the part
   * again (an unattended replay), false to stop with {@link StepOutcome.Refused}.
   */
  default boolean proveMissing(List<Missing> missing) {
    return false;
  }

  /**
   * How long to wait for a proof no revert job waits for; empty: until the token expires. A proof
   * under an armed revert waits until the job's deadline.
   */
  default Optional<Duration> proofTimeout() {
    return Optional.empty();
  }
}
