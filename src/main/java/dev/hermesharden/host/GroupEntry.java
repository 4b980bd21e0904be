package dev.hermesharden.host;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code /etc/group} as {@code getent group NAME} prints it: {@code
 * name:x:gid:member1,member2}.
 *
 * <p>Caveat: members lists only supplementary members; a user whose primary gid is this group is
 * not listed here (ask {@code id -nG} for the full picture).
 */
public record GroupEntry(String name, int gid, List<String> members) {
  public GroupEntry {
    members = List.copyOf(members);
  }

  public static Optional<GroupEntry> parse(String line) {
    String[] f = line.strip().split(":", -1);
    if (f.length != 4 || f[0].isEmpty()) {
      return Optional.empty();
    }
    try {
      List<String> members =
          f[3].isEmpty() ? List.of() : Arrays.stream(f[3].split(",")).map(String::strip).toList();
      return Optional.of(new GroupEntry(f[0], Integer.parseInt(f[2]), members));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code getent group KEY}, a name or a gid: empty when there is no such group (exit 2).
   *
   * @throws HostException {@code IO} when getent fails otherwise
   */
  public static Optional<GroupEntry> lookup(Host host, String key) throws HostException {
    ExecResult r = host.exec("getent", "group", "--", key);
    if (r.exitCode() == 2) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw new HostException(HostException.Kind.IO, "getent group " + key + ": " + r.stderr());
    }
    return parse(r.stdout().lines().findFirst().orElse(""));
  }

  /** The name of a group id, or the number when it has none or getent fails. */
  public static String nameOf(Host host, int gid) throws HostException {
    String number = String.valueOf(gid);
    try {
      return lookup(host, number).filter(g -> g.gid() == gid).map(GroupEntry::name).orElse(number);
    } catch (HostException e) {
      if (e.kind() != HostException.Kind.IO) {
        throw e;
      }
      return number;
    }
  }

  /** {@code id -nG NAME} output: group names separated by spaces. */
  public static List<String> parseIdGroups(String output) {
    String t = output.strip();
    return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
  }
}
