package dev.hermesharden.checks.users;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.GshadowGrants;
import dev.hermesharden.system.sudoers.SudoListing;
import java.util.List;
import java.util.Optional;

/**
 * {@code users.service-user-groups}: the service user is in none of the groups that amount to root
 * (param {@code forbidden}, default {@link #DEFAULT_FORBIDDEN}). Each is root, or a short way to
 * it: sudo, admin (Ubuntu's sudoers still grants {@code %admin}) and wheel through sudo; docker,
 * lxd, incus-admin and libvirt start a container or machine with the host's disk; disk opens the
 * raw block devices; shadow reads every password hash (the admin's, for sudo); adm reads the logs;
 * root (gid 0) and staff ({@code /usr/local}, first in root's {@code PATH} on older Debian) own
 * directories {@code PathTrust} counts as root's, as a system group's. {@code id -nG} names a gid
 * by its first entry in {@code /etc/group}, so a second name for gid 0 is reported as root.
 *
 * <p>A group of any other name can amount to root through sudoers ({@code %ops ALL=(ALL) ALL}), and
 * so can a rule naming the account: sudo itself is asked too ({@link SudoListing}, as {@code
 * users.admin-sudo} asks about the admin), and any command it allows fails. Caveat: an audit not
 * run as root cannot ask ({@code UNKNOWN}); the group names decide then, and the detail says so.
 *
 * <p>{@code id -nG} reads {@code /etc/group} only. A group {@code /etc/gshadow} names the account
 * in, as a member or administrator, is one {@code newgrp} lets it into with no password (or one it
 * may add itself to): that counts too ({@link GshadowGrants}; unreadable when not run as root).
 */
public final class ServiceGroupsCheck implements Check<ServiceGroupsCheck.Facts> {
  /**
   * The service account, sudo's answer about it (UNKNOWN when the account is missing), and what
   * {@code /etc/gshadow} grants it (empty when it cannot be read).
   */
  public record Facts(Account account, SudoListing sudo, Optional<GshadowGrants> gshadow) {
    public Facts(Account account, SudoListing sudo) {
      this(account, sudo, Optional.empty());
    }
  }

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

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    Account a = Account.gather(host, ctx.answers().serviceUser());
    if (!a.exists()) {
      return new Facts(a, SudoListing.NOT_ASKED);
    }
    return new Facts(a, SudoListing.ask(host, a.name()), GshadowGrants.read(host, a.name()));
  }

  /** The forbidden groups from the params, or the default list. */
  public static List<String> forbidden(Params params) {
    List<String> l = params.list("forbidden");
    return l.isEmpty() ? DEFAULT_FORBIDDEN : l;
  }

  @Override
  public Verdict evaluate(Facts f, Params params, StepContext ctx) {
    Account a = f.account();
    if (!a.exists()) {
      return Verdict.fail("reason.users.service-missing", a.name());
    }
    List<String> bad = a.groups().stream().filter(forbidden(params)::contains).toList();
    List<String> gshadow =
        f.gshadow().stream()
            .flatMap(
                g ->
                    java.util.stream.Stream.concat(
                        g.members().stream(), g.administrators().stream()))
            .filter(forbidden(params)::contains)
            .filter(g -> !bad.contains(g))
            .distinct()
            .toList();
    boolean sudo =
        f.sudo().state() == SudoListing.State.ROOT || f.sudo().state() == SudoListing.State.LIMITED;
    Verdict v =
        !bad.isEmpty()
            ? Verdict.fail("reason.users.service-in-groups", a.name(), String.join(", ", bad))
            : !gshadow.isEmpty()
                ? Verdict.fail(
                    "reason.users.service-in-gshadow", a.name(), String.join(", ", gshadow))
                : sudo
                    ? Verdict.fail("reason.users.service-sudo", a.name(), f.sudo().text())
                    : Verdict.pass("reason.users.service-groups-ok", a.name());
    return v.with("groups", String.join(" ", a.groups()))
        .with("sudo -l", f.sudo().state().name() + " " + f.sudo().text());
  }
}
