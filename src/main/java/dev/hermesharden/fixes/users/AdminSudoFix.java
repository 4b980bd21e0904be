package dev.hermesharden.fixes.users;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code users.admin-sudo}: {@code usermod -aG sudo admin}; when the admin account does not exist
 * yet it is created first with {@code adduser --disabled-password --gecos "" admin} (the admin then
 * sets a sudo password with {@code passwd admin}; see docs/decisions-users-keys.md). Plans nothing
 * for an admin that is root (uid 0): that needs a different name, not a group.
 */
public final class AdminSudoFix implements Fix {
  static final String ID = "users.admin-sudo";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    String user = ctx.answers().adminUser();
    String group = params.string("group", "sudo");
    Optional<PasswdEntry> entry = Account.lookup(host, user);
    List<PlannedAction> actions = new ArrayList<>();
    if (entry.isEmpty()) {
      actions.add(CreateServiceUserFix.adduser(user));
    } else if (entry.get().isRoot()) {
      return Plan.nothing(ID);
    } else if (Account.gather(host, user).groups().contains(group)) {
      return Plan.nothing(ID);
    }
    actions.add(RunCommand.of("usermod", "-aG", group, "--", user));
    return new Plan(ID, actions);
  }
}
