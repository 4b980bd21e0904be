package dev.hermesharden.fixes.hermesdir;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.hermesdir.HermesDir;
import dev.hermesharden.checks.hermesdir.WorldWritableCheck;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.Account;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.AccountLookup;
import dev.hermesharden.system.accounts.TrustedAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code hermes-dir.permissions}: gives HERMES_HOME to the service user, closes it to everyone else
 * ({@code chmod 700}), makes {@code .env} and {@code auth.json} 600, and takes the world-write bit
 * off anything below.
 *
 * <p>The agent's account is hostile (docs/threat-model.md), so:
 *
 * <ul>
 *   <li>The one root step, handing the files to the service user, is a single {@code find -P -xdev
 *       … -execdir chown -h} that never follows a link, never leaves the filesystem, skips links
 *       and every file with more than one hard link, and acts on {@code ./NAME} from inside each
 *       directory find itself opened — no path through a directory the agent can swap. It is
 *       planned only while the kernel refuses hard links to other accounts' files ({@code
 *       fs.protected_hardlinks = 1}).
 *   <li>Every {@code chmod} below runs with the service user's own rights ({@code setpriv}), so a
 *       link swapped in at the last moment can reach only what the agent could change anyway.
 *   <li>The world-writable files are found and changed by one {@code find … -exec chmod o-w} in the
 *       same process: no list of names makes a round trip (a newline in a name cannot split it).
 * </ul>
 */
public final class HermesDirPermissionsFix implements Fix {
  static final String ID = "hermes-dir.permissions";
  static final List<String> SECRET_FILES = List.of(".env", "auth.json");
  static final String PROTECTED_HARDLINKS = "/proc/sys/fs/protected_hardlinks";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    Optional<String> found = HermesDir.locate(host, ctx);
    String user = ctx.answers().serviceUser();
    Optional<AccountLookup> service = AccountLookup.of(host, user);
    if (found.isEmpty() || (service.isPresent() && service.get().uid() == 0)) {
      return Plan.nothing(ID);
    }
    String dir = found.get();
    // before step 1 creates the account, the plan names it (and adduser's group of that name)
    Account agent =
        service.isPresent() ? Account.of(host, service.get().uid()) : Account.named(user);
    String group = service.isPresent() ? GroupEntry.nameOf(host, agent.gid()) : user;
    List<PlannedAction> actions = new ArrayList<>();
    if (!host.exec(ownership(dir, user, group, "-print", "-quit")).stdout().isEmpty()) {
      Optional<String> swappable = swappableParent(host, dir, ctx);
      if (swappable.isPresent()) {
        throw new HostException(
            HostException.Kind.UNSAFE,
            swappable.get()
                + " belongs to an account other than root and the admin: a link it puts there in"
                + " place of a directory on the way to "
                + dir
                + " points root's chown elsewhere, so the wizard will not change owners there;"
                + " make the directories above HERMES_HOME root's first");
      }
      if (!host.readFile(PROTECTED_HARDLINKS).orElse("").strip().equals("1")) {
        throw new HostException(
            HostException.Kind.UNSAFE,
            "fs.protected_hardlinks is not 1: any account may hard-link root's files into "
                + dir
                + ", so the wizard will not change owners there; run sysctl"
                + " fs.protected_hardlinks=1 first");
      }
      actions.add(
          RunCommand.of(
              ownership(
                  dir,
                  user,
                  group,
                  "-execdir",
                  "chown",
                  "-h",
                  "--",
                  user + ":" + group,
                  "{}",
                  "+")));
    }
    Optional<FileStat> dirStat = host.lstat(dir);
    if (dirStat.isPresent() && (dirStat.get().mode() & 0777) != 0700) {
      actions.add(RunCommand.of(agent.run("chmod", "700", dir)));
    }
    for (String name : SECRET_FILES) {
      Optional<FileStat> st = host.lstat(dir + "/" + name);
      // a link or a FIFO is not fixed by a chmod: hermes-dir.env-file says what to do instead
      if (st.isPresent() && st.get().isRegularFile() && st.get().groupOrWorldAccessible()) {
        actions.add(RunCommand.of(agent.run("chmod", "600", dir + "/" + name)));
      }
    }
    if (!WorldWritableCheck.find(host, dir).isEmpty()) {
      actions.add(
          RunCommand.of(
              agent.run(
                  "find", dir, "-xdev", "-perm", "-0002", "!", "-type", "l", "-exec", "chmod",
                  "o-w", "{}", "+")));
    }
    return new Plan(ID, actions);
  }

  /**
   * The directory of another account (not root, not the admin) that holds a directory on the way to
   * {@code dir}, or empty. {@code find -P} does not follow a link in the last name, but the kernel
   * follows every link before it: with HERMES_HOME answered as {@code /home/hermes/app/data}, the
   * agent replaced {@code app} with a link to a directory of root's, the locator's {@code lstat}
   * saw root's {@code data} there, and the chown below handed root's files to the agent
   * (EarlyStepsHostileSandbox4Test). HERMES_HOME itself, or its name in such a directory ({@code
   * ~hermes/.hermes}), is fine: that last name {@code -P} guards.
   */
  static Optional<String> swappableParent(Host host, String dir, StepContext ctx)
      throws HostException {
    PathTrust t = PathTrust.classify(host, dir);
    if (t instanceof PathTrust.Shared s) {
      return Optional.of(s.directory());
    }
    if (!(t instanceof PathTrust.ByAccount b)
        || TrustedAccounts.of(host, ctx.answers()).trusts(b.uid())) {
      return Optional.empty();
    }
    String resolved = b.resolved();
    String parent = resolved.substring(0, Math.max(resolved.lastIndexOf('/'), 0));
    return resolved.equals(b.directory()) || parent.equals(b.directory())
        ? Optional.empty()
        : Optional.of(b.directory());
  }

  /**
   * {@code find -P DIR -xdev ! -type l ( ! -user U -o ! -group G ) ( -type d -o -links 1 )} and
   * then the given action: what is not yet the service user's, links and hard-linked files left
   * out.
   */
  static String[] ownership(String dir, String user, String group, String... action) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "find", "-P", dir, "-xdev", "!", "-type", "l", "(", "!", "-user", user, "-o", "!",
                "-group", group, ")", "(", "-type", "d", "-o", "-links", "1", ")"));
    argv.addAll(List.of(action));
    return argv.toArray(String[]::new);
  }
}
