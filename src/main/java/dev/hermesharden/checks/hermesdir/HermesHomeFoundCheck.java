package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.Optional;

/** {@code hermes-dir.found}: HERMES_HOME exists on the host (answer, compose mount, or native). */
public final class HermesHomeFoundCheck implements Check<Optional<String>> {
  @Override
  public Optional<String> gather(Host host, StepContext ctx) throws HostException {
    return HermesDir.locate(host, ctx);
  }

  @Override
  public Verdict evaluate(Optional<String> home, Params params, StepContext ctx) {
    return home.map(h -> Verdict.pass("reason.hermes-dir.found", h).with("path", h))
        .orElseGet(() -> Verdict.fail("reason.hermes-dir.not-found"));
  }
}
