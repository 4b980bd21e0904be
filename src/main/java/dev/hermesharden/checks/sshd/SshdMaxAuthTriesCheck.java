package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;

/** {@code sshd.max-auth-tries}: MaxAuthTries is at most {@code max} (default 3). */
public final class SshdMaxAuthTriesCheck extends SshdCheck {
  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    if (f.effective().isEmpty()) {
      return unavailable(f);
    }
    int max = params.integer("max", 3);
    String raw = f.effective().get().first("maxauthtries").orElse("6");
    int value;
    try {
      value = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      return Verdict.error("reason.sshd.unreadable-value", "maxauthtries", raw);
    }
    Verdict v =
        value <= max
            ? Verdict.pass("reason.sshd.max-auth-tries-ok", value, max)
            : Verdict.fail("reason.sshd.max-auth-tries-high", value, max);
    return v.with("value", String.valueOf(value)).with("source", f.source("maxauthtries"));
  }
}
