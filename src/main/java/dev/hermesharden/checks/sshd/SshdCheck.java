package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/** Base of the sshd checks: they all gather the same {@link SshdFacts}. */
abstract class SshdCheck implements Check<SshdFacts> {
  @Override
  public SshdFacts gather(Host host, StepContext ctx) throws HostException {
    return SshdFactsGatherer.gather(host, ctx);
  }

  /** The verdict when sshd would not print its effective configuration. */
  static Verdict unavailable(SshdFacts f) {
    return Verdict.error("reason.sshd.effective-unavailable", f.testError())
        .with("error", f.testError());
  }
}
