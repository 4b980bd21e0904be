package dev.hermesharden.fixes.users;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.checks.users.ServiceGroupsCheck;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code users.service-user-groups}: {@code gpasswd -d hermes GROUP} for each root-equivalent group
 * the service user is in. Caveat: a group that is the user's primary group cannot be left this way;
 * gpasswd then fails and the check keeps failing with the group named.
 */
public final class ServiceGroupsFix implements Fix {
  static final String ID = "users.service-user-groups";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    Account a = Account.gather(host, ctx.answers().serviceUser());
    List<PlannedAction> actions = new ArrayList<>();
    for (String g : a.groups()) {
      if (ServiceGroupsCheck.forbidden(params).contains(g)) {
        actions.add(RunCommand.of("gpasswd", "-d", a.name(), "--", g));
      }
    }
    return new Plan(ID, actions);
  }
}
