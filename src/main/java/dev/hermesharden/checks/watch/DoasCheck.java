package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.doas.DoasConf;
import dev.hermesharden.system.doas.DoasConf.Rule;
import dev.hermesharden.system.sudoers.SudoGrantees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kind {@code watch-doas}: doas, sudo's smaller cousin, lets nobody but root and the admin run
 * commands as another user. Reads {@code /etc/doas.conf} (Debian's {@code opendoas}) and {@code
 * /usr/local/etc/doas.conf} (a build from source) and fails for a {@code permit} rule whose
 * identity is an account other than root and the admin (the service account first), or a group that
 * holds one (members from {@code getent group} and primary groups), unless a later {@code deny} for
 * any target and command takes it back (doas applies the last rule that matches); for a line doas
 * may read otherwise (it refuses a file with a syntax error, but a reading here that doas does not
 * share is no pass); and for a file an account other than root can change ({@link
 * dev.hermesharden.host.PathTrust}, as {@link CronWritableCheck}). N/A without either file.
 *
 * <p>As in {@link SudoersCheck}, a rule for one command or one target counts as a grant.
 */
public final class DoasCheck implements Check<Optional<DoasCheck.Facts>> {
  static final List<String> FILES = List.of("/etc/doas.conf", "/usr/local/etc/doas.conf");

  /** One file doas may read: whether only root can change it, and its rules. */
  public record Conf(String path, boolean rootOnly, List<Rule> rules) {}

  public record Facts(List<Conf> files, SudoGrantees.Accounts accounts) {}

  @Override
  public Optional<Facts> gather(Host host, StepContext ctx) throws HostException {
    List<Conf> files = new ArrayList<>();
    for (String f : FILES) {
      if (host.lstat(f).isPresent()) {
        files.add(
            new Conf(
                f,
                CronWritableCheck.rootOnly(host, f),
                DoasConf.parse(CronWritableCheck.read(host, f).orElse(""))));
      }
    }
    if (files.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Facts(files, SudoersCheck.accounts(host, List.of())));
  }

  @Override
  public Verdict evaluate(Optional<Facts> facts, Params params, StepContext ctx) {
    if (facts.isEmpty()) {
      return Verdict.notApplicable("reason.watch.no-doas", FILES.get(0));
    }
    String admin = ctx.answers().adminUser();
    boolean adminTrusted = !admin.equals(ctx.answers().serviceUser());
    SudoGrantees.Accounts a = facts.get().accounts();
    Map<String, String> bad = new LinkedHashMap<>();
    int rules = 0;
    for (Conf c : facts.get().files()) {
      if (!c.rootOnly()) {
        bad.put(c.path(), "changeable by an account other than root");
      }
      rules += c.rules().size();
      for (Map.Entry<String, Rule> g : grants(c.rules(), a).entrySet()) {
        String who = g.getKey();
        boolean root = who.equals("root") || a.user(who).map(PasswdEntry::isRoot).orElse(false);
        if (root || (adminTrusted && who.equals(admin))) {
          continue;
        }
        Rule r = g.getValue();
        String label =
            r.malformed()
                ? "a line doas may read otherwise"
                : who
                    + (r.group() ? " (" + r.identity() + ")" : "")
                    + (r.noPass() ? " nopass" : "");
        bad.merge(
            WatchBaseline.clean(c.path() + ":" + r.line()),
            WatchBaseline.clean(label),
            (x, y) -> x + ", " + y);
      }
    }
    if (bad.isEmpty()) {
      return Verdict.pass("reason.watch.doas-ok", admin, rules);
    }
    Map.Entry<String, String> first = bad.entrySet().iterator().next();
    Verdict v =
        Verdict.fail(
            "reason.watch.doas-grants", bad.size(), admin, first.getKey() + " " + first.getValue());
    for (Map.Entry<String, String> e : bad.entrySet()) {
      v = v.with(e.getKey(), e.getValue());
    }
    return v;
  }

  /**
   * Each account a permit rule matches, with the first such rule since the last {@code deny} for
   * any target and command matched it; a malformed line under the key {@code "?"}.
   */
  static Map<String, Rule> grants(List<Rule> rules, SudoGrantees.Accounts a) {
    Map<String, Rule> out = new LinkedHashMap<>();
    for (Rule r : rules) {
      if (r.malformed()) {
        out.putIfAbsent("?" + r.line(), r);
        continue;
      }
      for (String who : matching(r, a)) {
        if (r.permit()) {
          out.putIfAbsent(who, r);
        } else if (r.target().isEmpty() && r.command().isEmpty()) {
          out.remove(who);
        }
      }
    }
    return out;
  }

  /** The accounts an identity names: a user (even one that does not exist yet) or a group's. */
  private static Set<String> matching(Rule r, SudoGrantees.Accounts a) {
    Set<String> out = new LinkedHashSet<>();
    String n = r.name();
    if (!r.group()) {
      out.add(
          n.matches("\\d{1,9}") ? a.uid(Integer.parseInt(n)).map(PasswdEntry::name).orElse(n) : n);
      return out;
    }
    Optional<GroupEntry> g = n.matches("\\d{1,9}") ? a.gid(Integer.parseInt(n)) : a.group(n);
    g.ifPresent(group -> out.addAll(a.members(group)));
    return out;
  }
}
