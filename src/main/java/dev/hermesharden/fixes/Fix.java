package dev.hermesharden.fixes;

import dev.hermesharden.checks.Params;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/**
 * One change the wizard can make. A fix only plans (reads the host, never writes): the engine
 * shows the plan, checks its guards, applies it, backs files up first and re-runs the step's
 * checks. A plan made on a host that is already fixed is empty, so a second apply changes nothing.
 */
public interface Fix {
  Plan plan(Host host, Params params, StepContext ctx) throws HostException;
}
