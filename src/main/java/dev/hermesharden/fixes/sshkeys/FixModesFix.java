package dev.hermesharden.fixes.sshkeys;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.sshkeys.AdminKeys;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.TrustedAccounts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ssh-keys.fix-modes}: {@code ~/.ssh} 700 and the admin's keys files under the home 600,
 * both owned by the admin and the admin's primary group; creates {@code ~/.ssh} when missing. Only
 * tightens: a file that is already 600 or stricter and the admin's is left alone.
 */
public final class FixModesFix implements Fix {
  static final String ID = "ssh-keys.fix-modes";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    AdminKeys f = AdminKeys.gather(host, ctx);
    if (f.entry().isEmpty()) {
      return Plan.nothing(ID);
    }
    String user = f.user();
    String group = primaryGroup(host, user);
    String dir = f.entry().get().home() + "/.ssh";
    if (!trusted(host, dir, ctx)) {
      return Plan.nothing(ID); // root changes nothing another account can redirect
    }
    List<PlannedAction> actions = new ArrayList<>();
    if (f.sshDir().isEmpty()) {
      actions.add(RunCommand.of("install", "-d", "-m", "700", "-o", user, "-g", group, dir));
    } else {
      tighten(actions, f.sshDir().get(), dir, "700", user, group);
    }
    for (AdminKeys.KeyFile k : f.files()) {
      if (k.path().startsWith(dir + "/")
          && k.stat().isPresent()
          && k.stat().get().isRegularFile()) {
        tighten(actions, k.stat().get(), k.path(), "600", user, group);
      }
    }
    return new Plan(ID, actions);
  }

  private static void tighten(
      List<PlannedAction> actions,
      FileStat s,
      String path,
      String mode,
      String user,
      String group) {
    if (s.groupOrWorldAccessible()) {
      actions.add(RunCommand.of("chmod", mode, path));
    }
    if (!s.owner().equals(user)) {
      actions.add(RunCommand.of("chown", "--", user + ":" + group, path));
    }
  }

  /**
   * Whether root may change modes and owners in this directory by path: only root or the admin can
   * change what its names point to (an {@code AuthorizedKeysFile} may name any place).
   */
  private static boolean trusted(Host host, String dir, StepContext ctx) throws HostException {
    PathTrust t = PathTrust.classify(host, dir);
    return t instanceof PathTrust.RootOnly
        || (t instanceof PathTrust.ByAccount b
            && TrustedAccounts.of(host, ctx.answers()).trusts(b.uid()));
  }

  /** {@code id -gn USER}; the user's own name when id cannot tell (adduser's default). */
  static String primaryGroup(Host host, String user) throws HostException {
    ExecResult r = host.exec("id", "-gn", "--", user);
    return r.ok() && !r.stdout().isBlank() ? r.stdout().strip() : user;
  }
}
