package dev.hermesharden.fixes.hermesdir;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.AccountLookup;
import java.util.List;
import java.util.Optional;

/**
 * {@code hermes-dir.nologin}: sets the service user's shell to {@code /usr/sbin/nologin}. Services
 * started by systemd or Docker do not need a login shell; nothing to do when the user is missing.
 */
public final class ServiceShellNologinFix implements Fix {
  static final String ID = "hermes-dir.nologin";
  static final String NOLOGIN = "/usr/sbin/nologin";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    String user = ctx.answers().serviceUser();
    Optional<AccountLookup> a = AccountLookup.of(host, user);
    if (a.isEmpty() || a.get().noLogin()) {
      return Plan.nothing(ID);
    }
    return new Plan(ID, List.of(RunCommand.of("usermod", "-s", NOLOGIN, "--", user)));
  }
}
