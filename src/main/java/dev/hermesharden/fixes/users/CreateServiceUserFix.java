package dev.hermesharden.fixes.users;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.List;

/**
 * {@code users.create-service-user}: {@code adduser --disabled-password --gecos "" hermes} when the
 * service user is missing. The account gets a locked password ({@code !}), a home and its own
 * group; its login shell is left to step {@code hermes-dir}'s optional fix.
 */
public final class CreateServiceUserFix implements Fix {
  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    String user = ctx.answers().serviceUser();
    if (Account.lookup(host, user).isPresent()) {
      return Plan.nothing("users.create-service-user");
    }
    return new Plan("users.create-service-user", List.of(adduser(user)));
  }

  /** The exact adduser call of design §2 (empty GECOS so adduser asks nothing). */
  public static RunCommand adduser(String user) {
    return RunCommand.of("adduser", "--disabled-password", "--gecos", "", "--", user);
  }
}
