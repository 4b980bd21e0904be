package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sudoers.SudoAccess;

/**
 * {@code users.admin-sudo}: the admin is in the sudo group (param {@code group}, default sudo)
 * <em>and</em> can really become root with sudo ({@link SudoAccess}: sudo lets it run every command
 * as root, and the password sudo asks for, if any, is not locked or empty). Membership alone passed
 * while sudoers had no {@code %sudo} line (or sudo was not installed), and sudo's listing alone
 * passed for an admin whose password is locked: either way the admin had no way to root once step 5
 * closes root's SSH login.
 *
 * <p>Caveat: an audit not run as root cannot ask sudo about the admin ({@code -U} needs root or a
 * password) or read its password; the membership decides then, and the detail says so.
 */
public final class AdminSudoCheck implements Check<AdminSudoCheck.Facts> {
  private static final ParamSchema SCHEMA = ParamSchema.of(Param.text("group").orElse("sudo"));

  /**
   * The admin's account, and sudo's answer about it (empty listing when the account is missing).
   */
  public record Facts(Account account, SudoAccess sudo) {}

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    Account a = Account.gather(host, ctx.answers().adminUser());
    return new Facts(a, a.exists() ? SudoAccess.ask(host, a.name()) : SudoAccess.NOT_ASKED);
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
            : switch (f.sudo().problem()) {
              case NONE, UNKNOWN -> Verdict.pass("reason.users.admin-sudo-ok", a.name(), group);
              case NO_SUDO -> Verdict.fail("reason.users.admin-sudo-missing", a.name(), group);
              case NOT_ALLOWED ->
                  Verdict.fail(
                      "reason.users.admin-sudo-denied", a.name(), group, f.sudo().listing().text());
              case LOCKED_PASSWORD ->
                  Verdict.fail(
                      "reason.users.admin-sudo-locked-password",
                      a.name(),
                      group,
                      f.sudo().passwordOf());
              case EMPTY_PASSWORD ->
                  Verdict.fail(
                      "reason.users.admin-sudo-empty-password",
                      a.name(),
                      group,
                      f.sudo().passwordOf());
            };
    return v.with("groups", String.join(" ", a.groups())).with("sudo -l", f.sudo().detail());
  }
}
