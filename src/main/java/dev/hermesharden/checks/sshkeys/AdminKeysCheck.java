package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.Check;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/** A check over the admin's key setup; all share one way of gathering it. */
abstract class AdminKeysCheck implements Check<AdminKeys> {
  @Override
  public AdminKeys gather(Host host, StepContext ctx) throws HostException {
    return AdminKeys.gather(host, ctx);
  }
}
