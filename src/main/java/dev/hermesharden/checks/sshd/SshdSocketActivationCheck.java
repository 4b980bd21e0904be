package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;

/**
 * {@code sshd.socket-activation} (informational): under {@code ssh.socket} activation systemd owns
 * the listening port, so Port/ListenAddress in sshd_config are ignored until the socket is
 * regenerated. Our drop-in never changes the port, so an active socket is a PASS with that note; no
 * socket is NOT_APPLICABLE.
 */
public final class SshdSocketActivationCheck extends SshdCheck {
  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    if (!f.socketActive()) {
      return Verdict.notApplicable("reason.sshd.socket-inactive");
    }
    return Verdict.pass("reason.sshd.socket-active").with("unit", "ssh.socket");
  }
}
