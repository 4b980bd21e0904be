package dev.hermesharden.fixes.approvals;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.HermesFiles;
import dev.hermesharden.system.hermes.HermesHomeLocator;

/** Finds {@code HERMES_HOME} for a fix, or fails planning saying where it looked. */
public final class Homes {
  private Homes() {}

  public static String require(Host host, StepContext ctx) throws HostException {
    return HermesHomeLocator.locate(host, ctx.answers())
        .orElseThrow(
            () ->
                new HostException(
                    HostException.Kind.NOT_FOUND,
                    "HERMES_HOME not found; looked in "
                        + String.join(", ", HermesFiles.searched(ctx.answers()))));
  }
}
