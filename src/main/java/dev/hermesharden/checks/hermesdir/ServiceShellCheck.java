package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.AccountLookup;
import java.util.Optional;

/**
 * {@code hermes-dir.service-shell}: the service user's login shell is {@code nologin} (or {@code
 * false}), so a leaked password or key cannot give an interactive shell as the agent. Not
 * applicable when the service user does not exist.
 */
public final class ServiceShellCheck implements Check<Optional<AccountLookup>> {
  @Override
  public Optional<AccountLookup> gather(Host host, StepContext ctx) throws HostException {
    return AccountLookup.of(host, ctx.answers().serviceUser());
  }

  @Override
  public Verdict evaluate(Optional<AccountLookup> account, Params params, StepContext ctx) {
    String user = ctx.answers().serviceUser();
    if (account.isEmpty()) {
      return Verdict.notApplicable("reason.hermes-dir.no-service-user", user);
    }
    AccountLookup a = account.get();
    Verdict v =
        a.noLogin()
            ? Verdict.pass("reason.hermes-dir.shell-ok", user, a.shell())
            : Verdict.fail("reason.hermes-dir.shell-login", user, a.shell());
    return v.with("shell", a.shell());
  }
}
