package dev.hermesharden.engine;

import dev.hermesharden.model.Answers;
import dev.hermesharden.steps.StepDefinition;
import java.time.Instant;
import java.util.List;

/**
 * Fits a saved session to the step files of this build: steps keep their saved state by id, new
 * steps start locked, steps that no longer exist are dropped, then gating is restored. Pure.
 */
final class SessionReconciler {
  private SessionReconciler() {}

  static Session reconcile(
      Session saved, List<StepDefinition> steps, Answers answers, Instant now) {
    List<StepState> states =
        steps.stream()
            .map(d -> saved.state(d.id()).orElseGet(() -> StepState.locked(d.id(), now)))
            .toList();
    return WizardFlow.normalize(saved.withSteps(states, now).withAnswers(answers, now), now);
  }
}
