package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;

/** {@code sshd.config-valid}: {@code sshd -t} accepts the configuration (exit 0). */
public final class SshdConfigValidCheck extends SshdCheck {
  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    if (f.testExit() == 0) {
      return Verdict.pass("reason.sshd.config-valid");
    }
    if (f.testExit() == 127) {
      // no sshd to ask is not a refused configuration
      return Verdict.error("reason.sshd.not-installed", f.testError());
    }
    return Verdict.fail("reason.sshd.config-invalid", f.testError())
        .with("exit", String.valueOf(f.testExit()))
        .with("error", f.testError());
  }
}
