package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.HermesHomeLocator;

/**
 * {@code hermes-dir.found}: HERMES_HOME exists on the host (answer, compose mount, or native) and
 * is what it claims to be. Places that were refused (a system directory, a link, a directory a
 * hostile compose file named) are listed in the details with their reason.
 */
public final class HermesHomeFoundCheck implements Check<HermesHomeLocator.Location> {
  @Override
  public HermesHomeLocator.Location gather(Host host, StepContext ctx) throws HostException {
    return HermesHomeLocator.find(host, ctx.answers());
  }

  @Override
  public Verdict evaluate(HermesHomeLocator.Location loc, Params params, StepContext ctx) {
    Verdict v =
        loc.home()
            .map(h -> Verdict.pass("reason.hermes-dir.found", h).with("path", h))
            .orElseGet(
                () ->
                    loc.rejected().isEmpty()
                        ? Verdict.fail("reason.hermes-dir.not-found")
                        : Verdict.fail(
                            "reason.hermes-dir.not-found-refused", loc.rejected().get(0).path()));
    int i = 1;
    for (HermesHomeLocator.Rejected r : loc.rejected()) {
      v = v.with("refused." + i++, r.path() + " (" + r.source() + "): " + r.why());
    }
    return v;
  }
}
