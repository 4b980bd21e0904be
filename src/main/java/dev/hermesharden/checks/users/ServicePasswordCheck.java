package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.PasswordStatus;

/**
 * {@code users.service-user-no-password}: {@code passwd -S} reports L (locked) or NP (no password).
 * A usable password (P) on a service account is a way in that nobody watches.
 */
public final class ServicePasswordCheck extends AccountCheck {
  public ServicePasswordCheck() {
    super(false);
  }

  @Override
  public Verdict evaluate(Account a, Params params, StepContext ctx) {
    if (!a.exists()) {
      return Verdict.fail("reason.users.service-missing", a.name());
    }
    if (a.status().isEmpty()) {
      return Verdict.error("reason.users.service-status-unknown", a.name());
    }
    PasswordStatus.State s = a.status().get().state();
    Verdict v =
        s == PasswordStatus.State.PASSWORD
            ? Verdict.fail("reason.users.service-has-password", a.name())
            : Verdict.pass("reason.users.service-no-password", a.name());
    return v.with("passwd -S", s.name());
  }
}
