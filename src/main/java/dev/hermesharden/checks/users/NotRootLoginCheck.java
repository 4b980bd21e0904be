package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.StepContext;
import java.util.Optional;

/**
 * {@code users.not-root-login}: the wizard runs from the admin's own login (via sudo), not from a
 * root login that step {@code sshd} is about to close. The CLI fills the answer {@link #LOGIN_USER}
 * from {@code SUDO_USER}/{@code USER}; unknown means not applicable.
 */
public final class NotRootLoginCheck implements Check<Optional<String>> {
  /** Answers key with the name of the user who started the wizard. */
  public static final String LOGIN_USER = "session.login-user";

  @Override
  public Optional<String> gather(Host host, StepContext ctx) {
    return ctx.answers().get(LOGIN_USER);
  }

  @Override
  public Verdict evaluate(Optional<String> login, Params params, StepContext ctx) {
    if (login.isEmpty()) {
      return Verdict.notApplicable("reason.users.login-unknown");
    }
    return login.get().equals("root")
        ? Verdict.fail("reason.users.login-root")
        : Verdict.pass("reason.users.login-ok", login.get());
  }
}
