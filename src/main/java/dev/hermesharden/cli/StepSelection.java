package dev.hermesharden.cli;

import dev.hermesharden.steps.StepDefinition;
import java.util.List;

/** {@code --step ID} or all steps; an unknown id is a usage error listing the real ones. */
final class StepSelection {
  private StepSelection() {}

  static List<StepDefinition> select(Setup setup, String stepId) throws Refusal {
    List<StepDefinition> all = setup.steps();
    if (stepId == null) {
      return all;
    }
    List<StepDefinition> one = all.stream().filter(s -> s.id().equals(stepId)).toList();
    if (one.isEmpty()) {
      String ids = String.join(", ", all.stream().map(StepDefinition::id).toList());
      throw new Refusal(ExitCode.USAGE, setup.messages.get("cli.error.unknown-step", stepId, ids));
    }
    return one;
  }
}
