package dev.hermesharden.steps;

import dev.hermesharden.model.EvidenceKind;
import java.util.List;

/**
 * One wizard step as declared in {@code wizard-steps/NN-id.yaml}.
 *
 * @param produces evidence kinds this step's proof records (e.g. {@code key-login})
 * @param source the file it was loaded from, for error messages
 */
public record StepDefinition(
    String id,
    int order,
    String titleKey,
    Teaching teaching,
    List<CheckRef> checks,
    List<FixRef> fixes,
    List<EvidenceKind> produces,
    String source) {
  public StepDefinition {
    checks = List.copyOf(checks);
    fixes = List.copyOf(fixes);
    produces = List.copyOf(produces);
  }
}
