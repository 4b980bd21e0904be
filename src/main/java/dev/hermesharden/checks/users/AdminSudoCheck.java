package dev.hermesharden.checks.users;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;

/** {@code users.admin-sudo}: the admin is in the sudo group (param {@code group}, default sudo). */
public final class AdminSudoCheck extends AccountCheck {
  private static final ParamSchema SCHEMA = ParamSchema.of(Param.text("group").orElse("sudo"));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  public AdminSudoCheck() {
    super(true);
  }

  @Override
  public Verdict evaluate(Account a, Params params, StepContext ctx) {
    String group = SCHEMA.resolve(params).string("group");
    if (!a.exists()) {
      return Verdict.fail("reason.users.admin-missing", a.name());
    }
    Verdict v =
        a.groups().contains(group)
            ? Verdict.pass("reason.users.admin-sudo-ok", a.name(), group)
            : Verdict.fail("reason.users.admin-not-sudo", a.name(), group);
    return v.with("groups", String.join(" ", a.groups()));
  }
}
