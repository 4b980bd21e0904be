package dev.hermesharden.checks.users;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.system.accounts.PasswordStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

  /**
   * Every account of the user database ({@code getent passwd}), parsed once per run of checks: the
   * users step asks who else has uid 0 and who else has the service account's uid. Then the
   * accounts of {@code /etc/passwd} getent did not print: glibc reads a line whose shell holds a
   * colon ({@code toor::0:0::/root:/home/hermes/sh:x}) and {@code su toor} ran the agent's {@code
   * sh:x} as root, but getent refuses to print it ("error writing passwd entry: Invalid argument",
   * exit 0), and the users step passed (EarlyStepsHostileSandbox4Test).
   */
  public static List<PasswdEntry> all(Host host) throws HostException {
    List<PasswdEntry> listed = PasswdEntry.listed(host);
    Optional<String> file = host.readFile(PASSWD);
    if (file.isEmpty()) {
      return listed;
    }
    Set<String> names = listed.stream().map(PasswdEntry::name).collect(Collectors.toSet());
    List<PasswdEntry> out = new ArrayList<>(listed);
    for (PasswdEntry e : host.parsed(FILE_KIND, PASSWD, file.get(), PasswdEntry::parseAll)) {
      if (names.add(e.name())) {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  private static final String PASSWD = "/etc/passwd";

  /** The {@link Host#parsed} kind of {@code /etc/passwd} read as a file. */
  private static final String FILE_KIND = "etc-passwd";

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
