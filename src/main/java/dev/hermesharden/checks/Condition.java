package dev.hermesharden.checks;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/**
 * When a check applies at all, asked of the live host (e.g. "Hermes runs in Docker"). A step file
 * names it in a check's {@code applies_when} with the reason shown when it does not hold; the
 * runner then reports the check {@link Status#NOT_APPLICABLE} without running it. Like a check it
 * only reads.
 */
@FunctionalInterface
public interface Condition {
  boolean holds(Host host, StepContext ctx) throws HostException;
}
