package dev.hermesharden.steps;

import dev.hermesharden.checks.Params;
import dev.hermesharden.model.EvidenceKind;
import java.util.List;

/**
 * A fix named by a step file.
 *
 * @param destructive whether the change can cut the admin off; destructive fixes need {@code
 *     requires} to be fresh and run under confirm-or-revert
 * @param requires the evidence that must be fresh before the engine lets this fix run
 */
public record FixRef(
    String id, String titleKey, Params params, boolean destructive, List<EvidenceKind> requires) {
  public FixRef {
    requires = List.copyOf(requires);
  }
}
