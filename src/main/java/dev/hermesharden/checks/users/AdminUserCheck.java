package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;

/** {@code users.admin-exists}: the admin account exists and is not root (uid 0). */
public final class AdminUserCheck extends AccountCheck {
  public AdminUserCheck() {
    super(true);
  }

  @Override
  public Verdict evaluate(Account a, Params params, StepContext ctx) {
    if (a.entry().isEmpty()) {
      return Verdict.fail("reason.users.admin-missing", a.name());
    }
    if (a.entry().get().isRoot()) {
      return Verdict.fail("reason.users.admin-is-root", a.name()).with("uid", "0");
    }
    return Verdict.pass("reason.users.admin-ok", a.name())
        .with("uid", String.valueOf(a.entry().get().uid()));
  }
}
