package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.HermesHomeLocator;
import java.util.Map;
import java.util.Optional;

/**
 * Shared bits of the {@code hermes-dir} checks: where HERMES_HOME is, and the "not found" verdict.
 */
public final class HermesDir {
  private HermesDir() {}

  public static Optional<String> locate(Host host, StepContext ctx) throws HostException {
    return HermesHomeLocator.locate(host, ctx.answers());
  }

  /** The verdict of a check that needs HERMES_HOME when it was not found. */
  static Verdict noHome() {
    return new Verdict(Status.SKIPPED, Reason.of("reason.hermes-dir.no-home"), Map.of());
  }
}
