package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Check;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/** A check about one account: the admin or the service user, as the answers name them. */
abstract class AccountCheck implements Check<Account> {
  private final boolean admin;

  AccountCheck(boolean admin) {
    this.admin = admin;
  }

  String user(StepContext ctx) {
    return admin ? ctx.answers().adminUser() : ctx.answers().serviceUser();
  }

  @Override
  public Account gather(Host host, StepContext ctx) throws HostException {
    return Account.gather(host, user(ctx));
  }
}
