package dev.hermesharden.system.sudoers;

import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.PasswdEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who each rule of the sudoers files lets use sudo, as sudo matches a user list: {@code %group} and
 * {@code %#gid} by the group's members and the accounts whose primary group it is, {@code #uid} by
 * uid, {@code User_Alias} names by their definition (from any file: sudo reads all before it
 * matches), and within a list the last entry that matches decides ({@code ALL, !bob}).
 *
 * <p>A user name or uid counts even when no such account exists yet (whoever gets that name gets
 * the rule); a group that does not exist has no members (Ubuntu's own {@code /etc/sudoers} names
 * {@code %admin}, which fresh systems lack). {@code ALL} is one grantee, {@code "ALL"}: every
 * account, present and future. Netgroups ({@code +ng}) and non-Unix groups ({@code %:g}) cannot be
 * resolved here and are grantees as written.
 */
public final class SudoGrantees {
  /** Aliases nest at most this deep (sudo refuses a cycle; this only stops one). */
  private static final int MAX_ALIAS_DEPTH = 32;

  private SudoGrantees() {}

  /**
   * One account (or {@code ALL}, or an unresolvable entry) one rule grants to.
   *
   * @param who an account name, {@code #uid} of an unknown uid, {@code ALL}, or the entry's text
   * @param via the list entry that matched, when it is not {@code who} itself ({@code %docker},
   *     {@code ADMINS}), else empty
   */
  public record Grant(String file, int line, String who, String via, boolean noPasswd) {
    public String label() {
      return via.isEmpty() ? who : who + " (" + via + ")";
    }

    public String where() {
      return file + ":" + line;
    }
  }

  /**
   * The accounts and groups the lists are matched against ({@code getent passwd}/{@code group}).
   */
  public record Accounts(List<PasswdEntry> users, List<GroupEntry> groups) {
    public Accounts {
      users = List.copyOf(users);
      groups = List.copyOf(groups);
    }

    public Optional<PasswdEntry> user(String name) {
      return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public Optional<PasswdEntry> uid(int uid) {
      return users.stream().filter(u -> u.uid() == uid).findFirst();
    }

    public Optional<GroupEntry> group(String name) {
      return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<GroupEntry> gid(int gid) {
      return groups.stream().filter(g -> g.gid() == gid).findFirst();
    }

    /** Members of a group: its listed members and every account whose primary group it is. */
    public Set<String> members(GroupEntry g) {
      Set<String> out = new LinkedHashSet<>(g.members());
      users.stream().filter(u -> u.gid() == g.gid()).forEach(u -> out.add(u.name()));
      return out;
    }
  }

  public static List<Grant> of(List<SudoersFile> files, Accounts accounts) {
    Map<String, List<Sudoers.Item>> aliases = new LinkedHashMap<>();
    files.forEach(f -> aliases.putAll(f.content().userAliases()));
    List<Grant> out = new ArrayList<>();
    for (SudoersFile f : files) {
      for (Sudoers.Rule r : f.content().rules()) {
        List<Flat> list = new ArrayList<>();
        flatten(r.users(), false, "", aliases, 0, list);
        Map<String, String> who = new LinkedHashMap<>();
        for (Flat item : list) {
          if (!item.negated()) {
            for (String name : candidates(item.item(), accounts)) {
              who.putIfAbsent(name, item.via());
            }
          }
        }
        who.forEach(
            (name, via) -> {
              Optional<Flat> last = lastMatch(list, name, accounts);
              if (last.isPresent() && !last.get().negated()) {
                String v = last.get().via();
                out.add(new Grant(f.path(), r.line(), name, v.equals(name) ? "" : v, r.noPasswd()));
              }
            });
      }
    }
    return out;
  }

  /** One entry after aliases are expanded; {@code via} is the entry as the rule wrote it. */
  private record Flat(Sudoers.Item item, boolean negated, String via) {}

  private static void flatten(
      List<Sudoers.Item> items,
      boolean negate,
      String via,
      Map<String, List<Sudoers.Item>> aliases,
      int depth,
      List<Flat> out) {
    for (Sudoers.Item i : items) {
      boolean neg = i.negated() != negate;
      String v = via.isEmpty() ? i.text().replaceFirst("^!", "") : via;
      if (i.kind() == Sudoers.Item.Kind.ALIAS) {
        List<Sudoers.Item> def = aliases.get(i.value());
        if (def != null && depth < MAX_ALIAS_DEPTH) {
          flatten(def, neg, v, aliases, depth + 1, out);
        }
      } else {
        out.add(new Flat(i, neg, v));
      }
    }
  }

  private static List<String> candidates(Sudoers.Item i, Accounts a) {
    return switch (i.kind()) {
      case USER -> List.of(i.value());
      case UID ->
          List.of(a.uid(Integer.parseInt(i.value())).map(PasswdEntry::name).orElse(i.text()));
      case GROUP -> a.group(i.value()).map(g -> List.copyOf(a.members(g))).orElse(List.of());
      case GID ->
          a.gid(Integer.parseInt(i.value())).map(g -> List.copyOf(a.members(g))).orElse(List.of());
      case ALL -> List.of("ALL");
      case OTHER, ALIAS -> List.of(i.text().replaceFirst("^!", ""));
    };
  }

  private static Optional<Flat> lastMatch(List<Flat> list, String name, Accounts a) {
    for (int k = list.size() - 1; k >= 0; k--) {
      if (matches(list.get(k).item(), name, a)) {
        return Optional.of(list.get(k));
      }
    }
    return Optional.empty();
  }

  /** Whether an entry matches a candidate; {@code ALL} stands for any account not named. */
  private static boolean matches(Sudoers.Item i, String name, Accounts a) {
    Optional<PasswdEntry> u = name.equals("ALL") ? Optional.empty() : a.user(name);
    return switch (i.kind()) {
      case ALL -> true;
      case USER -> i.value().equals(name);
      case UID ->
          i.text().replaceFirst("^!", "").equals(name)
              || u.map(p -> String.valueOf(p.uid()).equals(i.value())).orElse(false);
      case GROUP -> a.group(i.value()).map(g -> a.members(g).contains(name)).orElse(false);
      case GID ->
          a.gid(Integer.parseInt(i.value())).map(g -> a.members(g).contains(name)).orElse(false);
      case OTHER, ALIAS -> i.text().replaceFirst("^!", "").equals(name);
    };
  }
}
