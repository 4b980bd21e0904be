package dev.hermesharden.engine;

import dev.hermesharden.fixes.Fix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.util.List;

/** The step definitions of this build with their fix implementations, looked up by id. */
record Steps(List<StepDefinition> all, Catalog catalog) {
  Steps {
    all = List.copyOf(all);
  }

  /**
   * @throws IllegalTransitionException {@code engine.transition.unknown-step}
   */
  StepDefinition definition(String stepId) {
    return all.stream()
        .filter(s -> s.id().equals(stepId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalTransitionException("engine.transition.unknown-step", List.of(stepId)));
  }

  /**
   * @throws IllegalTransitionException {@code engine.transition.unknown-fix}
   */
  FixRef fixRef(String stepId, String fixId) {
    return definition(stepId).fixes().stream()
        .filter(f -> f.id().equals(fixId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalTransitionException(
                    "engine.transition.unknown-fix", List.of(stepId, fixId)));
  }

  Fix fix(FixRef ref) {
    return catalog.fix(ref.id()).orElseThrow(() -> new IllegalStateException("no fix " + ref.id()));
  }
}
