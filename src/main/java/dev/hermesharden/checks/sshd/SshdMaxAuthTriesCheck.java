package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;

/**
 * {@code sshd.max-auth-tries}: MaxAuthTries is at most {@code max} (default 3) on every connection
 * asked (a Match block may raise it for some addresses).
 */
public final class SshdMaxAuthTriesCheck extends SshdCheck {
  private static final ParamSchema SCHEMA = ParamSchema.of(Param.integer("max").orElse("3"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    if (f.effective().isEmpty()) {
      return unavailable(f);
    }
    int max = SCHEMA.resolve(params).integer("max");
    int worst = -1;
    SshdFacts.Asked at = null;
    for (SshdFacts.Asked a : f.connections()) {
      String raw = a.effective().flatMap(e -> e.first("maxauthtries")).orElse(null);
      if (raw == null) {
        continue;
      }
      int value;
      try {
        value = Integer.parseInt(raw.strip());
      } catch (NumberFormatException e) {
        return Verdict.error("reason.sshd.unreadable-value", "maxauthtries", raw);
      }
      if (value > worst) {
        worst = value;
        at = a;
      }
    }
    if (at == null) {
      worst = Integer.parseInt(f.effective().get().first("maxauthtries").orElse("6").strip());
    }
    if (worst > max) {
      String source =
          at == null ? f.source("maxauthtries") : f.source("maxauthtries", at.connection().spec());
      return withLive(
          Verdict.fail("reason.sshd.max-auth-tries-high", worst, max)
              .with("value", String.valueOf(worst))
              .with("connection", at == null ? "-" : at.connection().label())
              .with("source", source),
          f);
    }
    return inEffect(
        Verdict.pass("reason.sshd.max-auth-tries-ok", worst, max)
            .with("value", String.valueOf(worst))
            .with("source", f.source("maxauthtries")),
        f);
  }
}
