package dev.hermesharden.system.sshd;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts sshd decides about and their groups ({@code getent passwd}, {@code getent group}):
 * who AllowUsers, DenyUsers, AllowGroups and DenyGroups let in, and which users a {@code Match
 * Group} block can match.
 *
 * @param groups account name to its group names (primary group first)
 */
public record SshdAccounts(Map<String, List<String>> groups) {
  public SshdAccounts {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    groups.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    groups = java.util.Collections.unmodifiableMap(copy);
  }

  public static final SshdAccounts NONE = new SshdAccounts(Map.of());

  public static SshdAccounts read(Host host) throws HostException {
    ExecResult p = host.exec("getent", "passwd");
    ExecResult g = host.exec("getent", "group");
    if (!p.ok()) {
      return NONE;
    }
    List<GroupEntry> groupList = new ArrayList<>();
    for (String line : g.stdout().split("\n")) {
      GroupEntry.parse(line).ifPresent(groupList::add);
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (PasswdEntry e : PasswdEntry.parseAll(p.stdout())) {
      List<String> mine = new ArrayList<>();
      for (GroupEntry ge : groupList) {
        if (ge.gid() == e.gid()) {
          mine.add(0, ge.name());
        } else if (ge.members().contains(e.name())) {
          mine.add(ge.name());
        }
      }
      out.putIfAbsent(e.name(), mine);
    }
    return new SshdAccounts(out);
  }

  /** Every account name, in the order of the user database. */
  public List<String> names() {
    return List.copyOf(groups.keySet());
  }

  /** The groups of an account; empty when it does not exist. */
  public List<String> groupsOf(String user) {
    return groups.getOrDefault(user, List.of());
  }

  /** The accounts in a group (members and those whose primary group it is). */
  public List<String> membersOf(String group) {
    return groups.entrySet().stream()
        .filter(e -> e.getValue().contains(group))
        .map(Map.Entry::getKey)
        .toList();
  }
}
