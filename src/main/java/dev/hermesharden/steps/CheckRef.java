package dev.hermesharden.steps;

import dev.hermesharden.checks.Params;
import java.util.Optional;

/**
 * A check named by a step file.
 *
 * @param id the stable check id (reports, answers files and reviews refer to it)
 * @param kind the registered check kind that runs it
 * @param params its parameters, validated against the kind's schema, defaults filled in
 * @param appliesWhen when absent the check always applies
 * @param fix the id of the step's fix that remedies a failure, if there is one
 */
public record CheckRef(
    String id,
    String kind,
    String titleKey,
    Params params,
    Optional<AppliesWhen> appliesWhen,
    Severity severity,
    Optional<String> fix) {

  /** A check that always applies, rated medium, with no remedy named (tests, simple callers). */
  public CheckRef(String id, String kind, String titleKey, Params params) {
    this(id, kind, titleKey, params, Optional.empty(), Severity.MEDIUM, Optional.empty());
  }
}
