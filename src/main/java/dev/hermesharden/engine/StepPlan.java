package dev.hermesharden.engine;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.steps.FixRef;
import java.time.Duration;
import java.util.List;

/**
 * Everything a step would change now, to show before anything runs: one part per fix, in order,
 * each with its plan and whether its guard lets it run. Made by {@link WizardEngine#preview};
 * handed back to {@link WizardEngine#applyStep}, which applies exactly this or stops to show a new
 * one.
 *
 * @param revertWindow how long a guarded part waits for a new proof before the host reverts it
 */
public record StepPlan(String stepId, List<Part> parts, Duration revertWindow) {
  public StepPlan {
    parts = List.copyOf(parts);
  }

  /**
   * One fix's share of the step.
   *
   * @param later the plan is empty now, but a part before it changes the server: it is planned
   *     again once those are in, and shown before it runs
   */
  public record Part(FixRef fix, Plan plan, GuardDecision guard, boolean later) {
    /** Applied under confirm-or-revert: the host puts it back unless a new proof comes in time. */
    public boolean guarded() {
      return fix.destructive() && !fix.requires().isEmpty() && !plan.isEmpty();
    }
  }

  /** The ids of the fixes this plan covers (all of the step's, or the one asked for). */
  public List<String> fixIds() {
    return parts.stream().map(p -> p.fix().id()).toList();
  }

  /** Nothing to change: every part is empty. */
  public boolean nothingToDo() {
    return parts.stream().allMatch(p -> p.plan().isEmpty());
  }

  /** Whether some part runs under confirm-or-revert. */
  public boolean guarded() {
    return parts.stream().anyMatch(Part::guarded);
  }

  /** The parts with something to do whose guard refuses them now. */
  public List<Part> refused() {
    return parts.stream()
        .filter(p -> !p.plan().isEmpty() && p.guard() instanceof GuardDecision.Refused)
        .toList();
  }
}
