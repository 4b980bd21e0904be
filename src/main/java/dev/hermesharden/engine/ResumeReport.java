package dev.hermesharden.engine;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Reason;
import java.util.List;
import java.util.Optional;

/**
 * What {@link WizardEngine#startOrResume} did: whether a saved session was resumed, any problem
 * with the state file, every step whose live checks were re-run (saved states are never trusted),
 * the steps that locked again because an earlier one no longer passes, and what happened to every
 * revert job armed on the host (disarmed, fired, still pending, gone).
 *
 * @param problem e.g. a corrupt state file that was set aside ({@code engine.journal.*}) or a
 *     session of another host ({@code engine.resume.other-host})
 */
public record ResumeReport(
    boolean resumed,
    Optional<Reason> problem,
    List<Recheck> rechecked,
    List<String> relocked,
    List<RevertReport> reverts) {
  public ResumeReport {
    rechecked = List.copyOf(rechecked);
    relocked = List.copyOf(relocked);
    reverts = List.copyOf(reverts);
  }

  public ResumeReport(
      boolean resumed, Optional<Reason> problem, List<Recheck> rechecked, List<String> relocked) {
    this(resumed, problem, rechecked, relocked, List.of());
  }

  /** One re-run step: its saved status, its status now, and what the checks said. */
  public record Recheck(
      String stepId, StepStatus before, StepStatus after, List<CheckResult> results) {
    public Recheck {
      results = List.copyOf(results);
    }

    public boolean changed() {
      return before != after;
    }
  }

  /** The re-checked steps whose status changed (e.g. VERIFIED → CHECKED). */
  public List<Recheck> changes() {
    return rechecked.stream().filter(Recheck::changed).toList();
  }
}
