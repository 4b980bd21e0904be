package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.model.Evidence;
import java.time.Instant;

/** How waiting for one login proof ended ({@link ProofWait}). */
public sealed interface ProofOutcome {
  /** The login is proven; the evidence is recorded in the session. */
  record Proven(Evidence evidence) implements ProofOutcome {}

  /** The proof could not even be asked for (no address for the path, no drop box). */
  record NotAsked(Reason why) implements ProofOutcome {}

  /**
   * A refusal that waiting longer cannot mend (token used up or expired, practice login failed).
   */
  record Refused(Reason why) implements ProofOutcome {}

  /** Nothing counted by the deadline. */
  record TimedOut(Instant deadline) implements ProofOutcome {}

  /** The admin stopped waiting. */
  record Stopped() implements ProofOutcome {}
}
