package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.PasswordStatus;

/**
 * {@code users.service-user-no-password}: {@code passwd -S} reports L (locked). A usable password
 * (P) on a service account is a way in that nobody watches; an empty one (NP) is a way in for
 * everyone: Debian's {@code common-auth} has {@code pam_unix.so nullok}, so any account becomes the
 * service account with {@code su} and no password (EarlyStepsHostileSandboxTest tries it).
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
        switch (s) {
          case PASSWORD -> Verdict.fail("reason.users.service-has-password", a.name());
          case NO_PASSWORD -> Verdict.fail("reason.users.service-empty-password", a.name());
          case LOCKED -> Verdict.pass("reason.users.service-no-password", a.name());
        };
    return v.with("passwd -S", s.name());
  }
}
