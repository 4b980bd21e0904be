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
import dev.hermesharden.system.accounts.GshadowGrants;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code users.service-user-groups}: {@code gpasswd -d hermes GROUP} for each root-equivalent group
 * the service user is in, by {@code /etc/group} ({@code id -nG}) or as a member in {@code
 * /etc/gshadow} ({@code newgrp} lets it in). A gshadow administrator is not removed (the reason
 * names {@code gpasswd -A}). Caveat: a group that is the user's primary group cannot be left this
 * way; gpasswd then fails and the check keeps failing with the group named.
 */
public final class ServiceGroupsFix implements Fix {
  static final String ID = "users.service-user-groups";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    Account a = Account.gather(host, ctx.answers().serviceUser());
    List<PlannedAction> actions = new ArrayList<>();
    Set<String> groups = new LinkedHashSet<>(a.groups());
    if (a.exists()) {
      // gpasswd -d takes the name out of /etc/gshadow's member list too
      GshadowGrants.read(host, a.name()).ifPresent(g -> groups.addAll(g.members()));
    }
    for (String g : groups) {
      if (ServiceGroupsCheck.forbidden(params).contains(g)) {
        actions.add(RunCommand.of("gpasswd", "-d", a.name(), "--", g));
      }
    }
    return new Plan(ID, actions);
  }
}
