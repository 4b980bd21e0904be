package dev.hermesharden.checks;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/**
 * One live check: {@link #gather} asks the host (commands, file reads; never writes), {@link
 * #evaluate} is a pure function of those facts that can be tested over recorded real outputs.
 *
 * <p>A class is a check <em>kind</em>, registered under a kind id; a step file's check names its
 * kind and its {@link Params}, so one class serves several check ids. The id is attached by the
 * runner.
 *
 * @param <F> the facts this check gathers
 */
public interface Check<F> {
  F gather(Host host, StepContext ctx) throws HostException;

  /**
   * The parameters this check kind takes; step files are validated against it and {@link #evaluate}
   * gets them with the defaults filled in.
   */
  default ParamSchema schema() {
    return ParamSchema.NONE;
  }

  Verdict evaluate(F facts, Params params, StepContext ctx);

  /**
   * Gathers with the step file's parameters. Kinds whose facts depend on them (which package, which
   * unit, which file) override this one; the others only {@link #gather(Host, StepContext)}.
   */
  default F gather(Host host, Params params, StepContext ctx) throws HostException {
    return gather(host, ctx);
  }

  /** Gathers and evaluates; the runner turns exceptions into {@link Status#ERROR}. */
  default Verdict run(Host host, Params params, StepContext ctx) throws HostException {
    return evaluate(gather(host, params, ctx), params, ctx);
  }
}
