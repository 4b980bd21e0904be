package dev.hermesharden.checks;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/**
 * One live check: {@link #gather} asks the host (commands, file reads; never writes), {@link
 * #evaluate} is a pure function of those facts that can be tested over recorded real outputs.
 *
 * <p>A class may serve several check ids with different {@link Params}; the id is attached by the
 * runner.
 *
 * @param <F> the facts this check gathers
 */
public interface Check<F> {
  F gather(Host host, StepContext ctx) throws HostException;

  Verdict evaluate(F facts, Params params, StepContext ctx);

  /** Gathers and evaluates; the runner turns exceptions into {@link Status#ERROR}. */
  default Verdict run(Host host, Params params, StepContext ctx) throws HostException {
    return evaluate(gather(host, ctx), params, ctx);
  }
}
