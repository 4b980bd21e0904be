package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sudoers.SudoGrantees;
import dev.hermesharden.system.sudoers.SudoGrantees.Grant;
import dev.hermesharden.system.sudoers.Sudoers;
import dev.hermesharden.system.sudoers.SudoersFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Kind {@code watch-sudoers}: only root and the admin can use sudo. Reads the files sudo reads
 * ({@link SudoersSources}: {@code /etc/sudoers}, its includes and {@code /etc/sudoers.d} by sudo's
 * own rules) and judges what their rules grant and to whom ({@link SudoGrantees}); fails for a rule
 * that lets any other account use sudo — the service account first, a group such an account is in
 * (members from {@code getent group}, primary groups from {@code getent passwd}), or {@code ALL};
 * for a sudoers file or include directory someone other than root could write (sudo skips it, but
 * that is a sign of tampering), and for a member of group {@code sudo} other than the admin
 * (Debian's polkit treats that group as administrators too). A cloud image's drop-in that gives the
 * admin sudo without a password passes; the detail says {@code NOPASSWD}.
 *
 * <p>Caveat: rules from LDAP/SSSD ({@code sudoers:} in nsswitch.conf) and a {@code sudoers_file}
 * set in {@code /etc/sudo.conf} are not read; {@code Defaults} grant nothing and are not judged.
 */
public final class SudoersCheck implements Check<SudoersCheck.Facts> {
  /** A sudoers file or directory that cannot be trusted or read, and why (evidence). */
  public record Problem(String path, String why) {}

  /**
   * Members of {@code sudo}, the files sudo reads, what could not be trusted, and the accounts the
   * rules' user lists are matched against.
   */
  public record Facts(
      Optional<List<String>> members,
      List<SudoersFile> files,
      List<Problem> problems,
      SudoGrantees.Accounts accounts) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    var r = host.exec("getent", "group", "--", "sudo");
    Optional<List<String>> members =
        r.ok() ? GroupEntry.parse(r.stdout().strip()).map(GroupEntry::members) : Optional.empty();
    SudoersSources.Read read = SudoersSources.read(host);
    return new Facts(members, read.files(), read.problems(), accounts(host, read.files()));
  }

  /** Every account and group, and any a rule names that enumeration did not list (NSS). */
  static SudoGrantees.Accounts accounts(Host host, List<SudoersFile> files) throws HostException {
    List<PasswdEntry> users = getent(host, "passwd", List.of(), PasswdEntry::parse);
    List<GroupEntry> groups = getent(host, "group", List.of(), GroupEntry::parse);
    Set<String> userNames = new LinkedHashSet<>();
    Set<String> groupNames = new LinkedHashSet<>();
    for (SudoersFile f : files) {
      List<Sudoers.Item> items = new ArrayList<>();
      f.content().rules().forEach(rule -> items.addAll(rule.users()));
      f.content().userAliases().values().forEach(items::addAll);
      for (Sudoers.Item i : items) {
        if (i.kind() == Sudoers.Item.Kind.USER
            && users.stream().noneMatch(u -> u.name().equals(i.value()))) {
          userNames.add(i.value());
        } else if (i.kind() == Sudoers.Item.Kind.GROUP
            && groups.stream().noneMatch(g -> g.name().equals(i.value()))) {
          groupNames.add(i.value());
        }
      }
    }
    if (!userNames.isEmpty()) {
      users.addAll(getent(host, "passwd", userNames, PasswdEntry::parse));
    }
    if (!groupNames.isEmpty()) {
      groups.addAll(getent(host, "group", groupNames, GroupEntry::parse));
    }
    return new SudoGrantees.Accounts(users, groups);
  }

  /** {@code getent DB [-- KEY...]}: every entry without keys; the well-formed lines parsed. */
  private static <T> List<T> getent(
      Host host, String db, Collection<String> keys, Function<String, Optional<T>> parse)
      throws HostException {
    List<String> argv = new ArrayList<>(List.of("getent", db));
    if (!keys.isEmpty()) {
      argv.add("--");
      argv.addAll(keys);
    }
    List<T> out = new ArrayList<>();
    host.exec(argv, Host.DEFAULT_TIMEOUT)
        .stdout()
        .lines()
        .forEach(l -> parse.apply(l).ifPresent(out::add));
    return out;
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    String admin = ctx.answers().adminUser();
    boolean adminTrusted = !admin.equals(ctx.answers().serviceUser());
    List<Grant> grants = SudoGrantees.of(facts.files(), facts.accounts());
    Map<String, List<String>> bad = new LinkedHashMap<>();
    Map<String, String> info = new LinkedHashMap<>();
    for (Grant g : grants) {
      boolean root =
          g.who().equals("root")
              || facts.accounts().users().stream()
                  .anyMatch(u -> u.name().equals(g.who()) && u.isRoot());
      if (root) {
        continue;
      }
      if (adminTrusted && g.who().equals(admin)) {
        if (g.noPasswd()) {
          info.put(WatchBaseline.clean(g.where()), admin + " NOPASSWD");
        }
        continue;
      }
      // names come from files another account may have written: no control character survives
      bad.computeIfAbsent(WatchBaseline.clean(g.where()), k -> new ArrayList<>())
          .add(WatchBaseline.clean(g.label()));
    }
    List<String> others = new ArrayList<>(facts.members().orElse(List.of()));
    others.removeAll(List.of(admin, "root"));

    Verdict v;
    if (!bad.isEmpty()) {
      Map.Entry<String, List<String>> first = bad.entrySet().iterator().next();
      v =
          Verdict.fail(
              "reason.watch.sudoers-grants",
              bad.size(),
              admin,
              first.getKey() + " " + String.join(", ", first.getValue()));
    } else if (!facts.problems().isEmpty()) {
      Problem p = facts.problems().get(0);
      v =
          Verdict.fail(
              "reason.watch.sudoers-files", facts.problems().size(), WatchBaseline.clean(p.path()));
    } else if (!others.isEmpty()) {
      v = Verdict.fail("reason.watch.sudoers-members", admin, String.join(", ", others));
    } else if (facts.members().isEmpty()) {
      return Verdict.fail("reason.watch.no-sudo-group");
    } else {
      v = Verdict.pass("reason.watch.sudoers-ok", admin, facts.files().size());
      for (Map.Entry<String, String> e : info.entrySet()) {
        v = v.with(e.getKey(), e.getValue());
      }
      return v;
    }
    for (Map.Entry<String, List<String>> e : bad.entrySet()) {
      v = v.with(e.getKey(), String.join(", ", e.getValue()));
    }
    for (Problem p : facts.problems()) {
      v = v.with(WatchBaseline.clean(p.path()), p.why());
    }
    if (!others.isEmpty()) {
      v = v.with("group sudo", String.join(", ", others));
    }
    return v;
  }
}
