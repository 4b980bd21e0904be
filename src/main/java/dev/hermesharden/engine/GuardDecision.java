package dev.hermesharden.engine;

import java.util.List;

/** Whether a guarded fix may run now, and if not, which proofs are missing and why. */
public sealed interface GuardDecision {
  boolean allowed();

  /** Every proof the fix requires is fresh (or it requires none). */
  record Allowed() implements GuardDecision {
    @Override
    public boolean allowed() {
      return true;
    }
  }

  /** At least one proof is absent or stale; {@code missing} is never empty. */
  record Refused(List<Missing> missing) implements GuardDecision {
    public Refused {
      missing = List.copyOf(missing);
      if (missing.isEmpty()) {
        throw new IllegalArgumentException("a refusal names what is missing");
      }
    }

    @Override
    public boolean allowed() {
      return false;
    }
  }
}
