package dev.hermesharden.checks.users;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import java.util.List;

/**
 * {@code users.service-user-groups}: the service user is in none of the groups that amount to root
 * (param {@code forbidden}, default sudo, docker, adm, wheel; docker membership is root by another
 * name).
 */
public final class ServiceGroupsCheck extends AccountCheck {
  static final List<String> DEFAULT_FORBIDDEN = List.of("sudo", "docker", "adm", "wheel");

  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.list("forbidden").orElse(DEFAULT_FORBIDDEN));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  public ServiceGroupsCheck() {
    super(false);
  }

  /** The forbidden groups from the params, or the default list. */
  public static List<String> forbidden(Params params) {
    List<String> l = params.list("forbidden");
    return l.isEmpty() ? DEFAULT_FORBIDDEN : l;
  }

  @Override
  public Verdict evaluate(Account a, Params params, StepContext ctx) {
    if (!a.exists()) {
      return Verdict.fail("reason.users.service-missing", a.name());
    }
    List<String> bad = a.groups().stream().filter(forbidden(params)::contains).toList();
    Verdict v =
        bad.isEmpty()
            ? Verdict.pass("reason.users.service-groups-ok", a.name())
            : Verdict.fail("reason.users.service-in-groups", a.name(), String.join(", ", bad));
    return v.with("groups", String.join(" ", a.groups()));
  }
}
