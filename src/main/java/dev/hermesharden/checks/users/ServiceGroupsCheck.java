package dev.hermesharden.checks.users;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import java.util.List;

/**
 * {@code users.service-user-groups}: the service user is in none of the groups that amount to root
 * (param {@code forbidden}, default {@link #DEFAULT_FORBIDDEN}). Each is root, or a short way to
 * it: sudo, admin (Ubuntu's sudoers still grants {@code %admin}) and wheel through sudo; docker,
 * lxd, incus-admin and libvirt start a container or machine with the host's disk; disk opens the
 * raw block devices; shadow reads every password hash (the admin's, for sudo); adm reads the logs;
 * root (gid 0) and staff ({@code /usr/local}, first in root's {@code PATH} on older Debian) own
 * directories {@code PathTrust} counts as root's, as a system group's. {@code id -nG} names a gid
 * by its first entry in {@code /etc/group}, so a second name for gid 0 is reported as root.
 */
public final class ServiceGroupsCheck extends AccountCheck {
  static final List<String> DEFAULT_FORBIDDEN =
      List.of(
          "sudo",
          "admin",
          "wheel",
          "docker",
          "lxd",
          "incus-admin",
          "libvirt",
          "disk",
          "shadow",
          "adm",
          "root",
          "staff");

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
