package dev.hermesharden.engine;

import dev.hermesharden.checks.CheckResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step's saved state. {@code lastResults} and {@code changes} are history: they survive
 * re-locking, so a step locked again still shows what it saw and what was changed.
 */
public record StepState(
    String stepId,
    StepStatus status,
    Optional<SkipReason> skip,
    List<CheckResult> lastResults,
    List<AppliedChange> changes,
    Instant updated) {
  public StepState {
    skip = skip == null ? Optional.empty() : skip;
    lastResults = List.copyOf(lastResults);
    changes = List.copyOf(changes);
  }

  public static StepState locked(String stepId, Instant now) {
    return new StepState(stepId, StepStatus.LOCKED, Optional.empty(), List.of(), List.of(), now);
  }

  public StepState withStatus(StepStatus s, Instant now) {
    return new StepState(stepId, s, skip, lastResults, changes, now);
  }

  public StepState withResults(List<CheckResult> results) {
    return new StepState(stepId, status, skip, results, changes, updated);
  }

  public StepState withSkip(Optional<SkipReason> reason) {
    return new StepState(stepId, status, reason, lastResults, changes, updated);
  }

  public StepState withChange(AppliedChange change) {
    List<AppliedChange> all = new ArrayList<>(changes);
    all.add(change);
    return new StepState(stepId, status, skip, lastResults, all, updated);
  }
}
