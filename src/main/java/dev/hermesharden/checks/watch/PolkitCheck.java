package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.users.Account;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.polkit.PolkitRules;
import dev.hermesharden.system.sudoers.SudoGrantees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kind {@code watch-polkit}: polkit says yes to the service account for nothing. polkitd answers
 * {@code pkexec} (a command as root), {@code systemctl} (any unit) and every other D-Bus service
 * that asks it; a rule that says yes to the agent is root for the agent. Reads the {@code *.rules}
 * files of every directory polkitd reads ({@link #RULES_DIRS}) and the {@code .pkla} files of the
 * local authority ({@link #PKLA_DIRS}), and fails for
 *
 * <ul>
 *   <li>a rule file that can say yes and names the service account or a group it is in (a string
 *       literal, {@code unix-user:}/{@code unix-group:}), or never looks at the subject (yes to
 *       every account) ({@link PolkitRules#script});
 *   <li>a {@code .pkla} section with a {@code Result…=yes} whose {@code Identity} matches the
 *       service account or one of its groups;
 *   <li>a file or directory an account other than root and polkitd's own can change (polkit's
 *       directories are polkitd's on Debian and Ubuntu); more than {@link #MAX_FILES} files.
 * </ul>
 *
 * N/A when no such directory exists (polkit is not installed).
 *
 * <p>Caveat: rules are JavaScript and are not run ({@link PolkitRules}); a rule that says yes to
 * another account than the service account (a system account's, as systemd's own rules do) passes.
 */
public final class PolkitCheck implements Check<Optional<PolkitCheck.Facts>> {
  static final List<String> RULES_DIRS =
      List.of(
          "/etc/polkit-1/rules.d",
          "/run/polkit-1/rules.d",
          "/usr/local/share/polkit-1/rules.d",
          "/usr/share/polkit-1/rules.d");
  static final List<String> PKLA_DIRS =
      List.of("/etc/polkit-1/localauthority", "/var/lib/polkit-1/localauthority");

  /** At most this many files are read; more is a finding. */
  static final int MAX_FILES = 500;

  /** One file or directory: whether only root (or polkitd) can change it, and its text. */
  public record Entry(String path, boolean trusted, String text) {}

  public record Facts(List<Entry> entries, boolean capped, SudoGrantees.Accounts accounts) {}

  /**
   * A directory polkitd reads files ending in {@code suffix} from, and maybe its subdirectories.
   */
  private record Dir(String path, String suffix, boolean subdirectories) {}

  @Override
  public Optional<Facts> gather(Host host, StepContext ctx) throws HostException {
    int polkitd = Account.lookup(host, "polkitd").map(PasswdEntry::uid).orElse(0);
    List<Entry> out = new ArrayList<>();
    int files = 0;
    boolean capped = false;
    List<Dir> todo = new ArrayList<>();
    RULES_DIRS.forEach(d -> todo.add(new Dir(d, ".rules", false)));
    PKLA_DIRS.forEach(d -> todo.add(new Dir(d, ".pkla", true)));
    for (int n = 0; n < todo.size(); n++) {
      String dir = todo.get(n).path();
      String suffix = todo.get(n).suffix();
      if (host.lstat(dir).map(st -> !st.isDirectory()).orElse(true)) {
        continue;
      }
      out.add(new Entry(dir, trusted(host, dir, polkitd), ""));
      for (String name : host.listDirectory(dir)) {
        String p = dir + "/" + name;
        boolean isDir = host.lstat(p).map(FileStat::isDirectory).orElse(false);
        if (isDir && todo.get(n).subdirectories()) {
          todo.add(new Dir(p, suffix, false));
        } else if (name.endsWith(suffix)) {
          if (++files > MAX_FILES) {
            capped = true;
            break;
          }
          boolean ok = trusted(host, p, polkitd);
          out.add(new Entry(p, ok, CronWritableCheck.read(host, p).orElse("")));
        }
      }
    }
    if (out.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Facts(out, capped, SudoersCheck.accounts(host, List.of())));
  }

  /**
   * Only root, or polkitd's own account, can change what the path names: root's all the way ({@link
   * dev.hermesharden.host.PathTrust}), or root's or polkitd's with no group or other write bit in a
   * directory that is itself trusted (Debian's {@code /etc/polkit-1/rules.d} is {@code polkitd:root
   * 0700}).
   */
  private static boolean trusted(Host host, String path, int polkitd) throws HostException {
    if (CronWritableCheck.rootOnly(host, path)) {
      return true;
    }
    Optional<FileStat> st = host.lstat(path);
    if (st.isEmpty() || path.equals("/")) {
      return st.isEmpty();
    }
    FileStat s = st.get();
    boolean own = s.uid() == 0 || (polkitd != 0 && s.uid() == polkitd);
    boolean kind = s.isDirectory() || s.isRegularFile();
    int slash = path.lastIndexOf('/');
    String parent = slash <= 0 ? "/" : path.substring(0, slash);
    return own && kind && (s.mode() & 022) == 0 && trusted(host, parent, polkitd);
  }

  @Override
  public Verdict evaluate(Optional<Facts> facts, Params params, StepContext ctx) {
    if (facts.isEmpty()) {
      return Verdict.notApplicable("reason.watch.no-polkit", RULES_DIRS.get(0));
    }
    String service = ctx.answers().serviceUser();
    SudoGrantees.Accounts a = facts.get().accounts();
    Set<String> groups = new LinkedHashSet<>();
    for (GroupEntry g : a.groups()) {
      if (a.members(g).contains(service)) {
        groups.add(g.name());
      }
    }
    Set<String> names = new LinkedHashSet<>(groups);
    names.add(service);
    Map<String, String> bad = new LinkedHashMap<>();
    for (Entry e : facts.get().entries()) {
      String path = WatchBaseline.clean(e.path());
      if (!e.trusted()) {
        bad.put(path, "changeable by an account other than root and polkitd");
      } else if (e.path().endsWith(".rules")) {
        PolkitRules.Script s = PolkitRules.script(e.text());
        if (s.saysYes() && !s.looksAtSubject()) {
          bad.put(path, "says yes to every account");
        } else if (s.saysYes()) {
          s.names().stream()
              .filter(names::contains)
              .findFirst()
              .ifPresent(n -> bad.put(path, "says yes naming " + WatchBaseline.clean(n)));
        }
      } else if (e.path().endsWith(".pkla")) {
        for (PolkitRules.Grant g : PolkitRules.pkla(e.text())) {
          g.identities().stream()
              .filter(id -> PolkitRules.matches(id, service, groups))
              .findFirst()
              .ifPresent(id -> bad.put(path + ":" + g.line(), "yes to " + WatchBaseline.clean(id)));
        }
      }
    }
    if (facts.get().capped()) {
      bad.put("polkit", "more than " + MAX_FILES + " files");
    }
    if (bad.isEmpty()) {
      return Verdict.pass("reason.watch.polkit-ok", service, facts.get().entries().size());
    }
    Map.Entry<String, String> first = bad.entrySet().iterator().next();
    Verdict v =
        Verdict.fail(
            "reason.watch.polkit-grants",
            bad.size(),
            service,
            first.getKey() + " " + first.getValue());
    for (Map.Entry<String, String> e : bad.entrySet()) {
      v = v.with(e.getKey(), e.getValue());
    }
    return v;
  }
}
