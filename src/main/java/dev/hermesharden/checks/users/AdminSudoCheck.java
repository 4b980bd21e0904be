package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sudoers.SudoListing;

/**
 * {@code users.admin-sudo}: the admin is in the sudo group (param {@code group}, default sudo)
 * <em>and</em> sudo itself says the admin may run every command as root ({@link SudoListing}).
 * Membership alone passed while sudoers had no {@code %sudo} line (or sudo was not installed): the
 * admin then had no way to root once step 5 closes root's SSH login.
 *
 * <p>Caveat: an audit not run as root cannot ask sudo about the admin ({@code -U} needs root or a
 * password); the membership decides then, and the detail says sudo was not asked.
 */
public final class AdminSudoCheck implements Check<AdminSudoCheck.Facts> {
  private static final ParamSchema SCHEMA = ParamSchema.of(Param.text("group").orElse("sudo"));

  /**
   * The admin's account, and sudo's answer about it (empty listing when the account is missing).
   */
  public record Facts(Account account, SudoListing sudo) {}

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    Account a = Account.gather(host, ctx.answers().adminUser());
    return new Facts(a, a.exists() ? SudoListing.ask(host, a.name()) : SudoListing.NOT_ASKED);
  }

  @Override
  public Verdict evaluate(Facts f, Params params, StepContext ctx) {
    String group = SCHEMA.resolve(params).string("group");
    Account a = f.account();
    if (!a.exists()) {
      return Verdict.fail("reason.users.admin-missing", a.name());
    }
    Verdict v =
        !a.groups().contains(group)
            ? Verdict.fail("reason.users.admin-not-sudo", a.name(), group)
            : switch (f.sudo().state()) {
              case ROOT, UNKNOWN -> Verdict.pass("reason.users.admin-sudo-ok", a.name(), group);
              case MISSING -> Verdict.fail("reason.users.admin-sudo-missing", a.name(), group);
              case NONE, LIMITED ->
                  Verdict.fail("reason.users.admin-sudo-denied", a.name(), group, f.sudo().text());
            };
    return v.with("groups", String.join(" ", a.groups()))
        .with("sudo -l", f.sudo().state().name() + " " + f.sudo().text());
  }
}
