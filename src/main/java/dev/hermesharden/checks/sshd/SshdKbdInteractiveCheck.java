package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;

/**
 * {@code sshd.kbd-interactive}: keyboard-interactive (PAM password prompts) is off. OpenSSH 8.7+
 * calls it KbdInteractiveAuthentication; older releases are governed by
 * ChallengeResponseAuthentication, so the keyword follows the version.
 */
public final class SshdKbdInteractiveCheck extends SshdCheck {
  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    Verdict v = SshdSettingCheck.judge(f, f.kbdKeyword(), params.string("expect", "no"));
    return f.version().map(ver -> v.with("openssh", ver.text())).orElse(v);
  }
}
