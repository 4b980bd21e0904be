package dev.hermesharden.checks.users;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.system.accounts.PasswordStatus;
import java.util.List;
import java.util.Optional;

/**
 * What the host says about one account: its passwd entry, password status and groups. Everything
 * but the name is empty when the account is missing. (Its SSH keys are in every file sshd reads for
 * it: {@code ServiceKeysCheck}.)
 */
public record Account(
    String name,
    Optional<PasswdEntry> entry,
    Optional<PasswordStatus> status,
    List<String> groups) {
  public Account {
    groups = List.copyOf(groups);
  }

  public static Account missing(String name) {
    return new Account(name, Optional.empty(), Optional.empty(), List.of());
  }

  public boolean exists() {
    return entry.isPresent();
  }

  /** Reads the account with {@code getent}, {@code passwd -S} and {@code id -nG}. */
  public static Account gather(Host host, String name) throws HostException {
    Optional<PasswdEntry> entry = lookup(host, name);
    if (entry.isEmpty()) {
      return missing(name);
    }
    ExecResult st = host.exec("passwd", "-S", "--", name);
    ExecResult id = host.exec("id", "-nG", "--", name);
    return new Account(
        name,
        entry,
        st.ok() ? PasswordStatus.parse(st.stdout()) : Optional.empty(),
        id.ok() ? GroupEntry.parseIdGroups(id.stdout()) : List.of());
  }

  /** The {@link Host#parsed} kind of {@code getent passwd}'s whole listing. */
  private static final String ALL_KIND = "getent-passwd";

  /**
   * Every account of the user database ({@code getent passwd}), parsed once per run of checks: the
   * users step asks who else has uid 0 and who else has the service account's uid.
   */
  public static List<PasswdEntry> all(Host host) throws HostException {
    ExecResult r = host.exec("getent", "passwd");
    if (!r.ok()) {
      throw new HostException(HostException.Kind.IO, "getent passwd: " + r.stderr());
    }
    return host.parsed(ALL_KIND, "getent passwd", r.stdout(), PasswdEntry::parseAll);
  }

  /** {@code getent passwd NAME}; exit 2 (no such key) means the account does not exist. */
  public static Optional<PasswdEntry> lookup(Host host, String name) throws HostException {
    ExecResult r = host.exec("getent", "passwd", "--", name);
    if (r.exitCode() == 2) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw new HostException(
          HostException.Kind.IO, "getent passwd -- " + name + ": " + r.stderr());
    }
    return PasswdEntry.parseFirst(r.stdout());
  }
}
