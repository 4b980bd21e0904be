package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;

/** {@code users.service-user-exists}: the unprivileged account Hermes runs as exists. */
public final class ServiceUserCheck extends AccountCheck {
  public ServiceUserCheck() {
    super(false);
  }

  @Override
  public Verdict evaluate(Account a, Params params, StepContext ctx) {
    if (a.entry().isEmpty()) {
      return Verdict.fail("reason.users.service-missing", a.name());
    }
    if (a.entry().get().isRoot()) {
      return Verdict.fail("reason.users.service-is-root", a.name());
    }
    return Verdict.pass("reason.users.service-ok", a.name())
        .with("uid", String.valueOf(a.entry().get().uid()));
  }
}
