package dev.hermesharden.fixes.hermesdir;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.hermesdir.HermesDir;
import dev.hermesharden.checks.hermesdir.WorldWritableCheck;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code hermes-dir.permissions}: gives HERMES_HOME to the service user ({@code chown -R}), closes
 * it to everyone else ({@code chmod 700}), makes {@code .env} and {@code auth.json} 600, and takes
 * the world-write bit off anything below. Modes are computed from {@code stat} and written as
 * octal, so other bits (setgid, sticky) stay as they were.
 */
public final class HermesDirPermissionsFix implements Fix {
  static final String ID = "hermes-dir.permissions";
  static final List<String> SECRET_FILES = List.of(".env", "auth.json");

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    Optional<String> found = HermesDir.locate(host, ctx);
    if (found.isEmpty()) {
      return Plan.nothing(ID);
    }
    String dir = found.get();
    String user = ctx.answers().serviceUser();
    List<PlannedAction> actions = new ArrayList<>();
    if (!notOwned(host, dir, "-user", user).isEmpty()
        || !notOwned(host, dir, "-group", user).isEmpty()) {
      actions.add(RunCommand.of("chown", "-R", "--", user + ":" + user, dir));
    }
    Optional<FileStat> dirStat = host.stat(dir);
    if (dirStat.isPresent() && (dirStat.get().mode() & 0777) != 0700) {
      actions.add(RunCommand.of("chmod", "700", dir));
    }
    for (String name : SECRET_FILES) {
      Optional<FileStat> st = host.stat(dir + "/" + name);
      if (st.isPresent() && st.get().groupOrWorldAccessible()) {
        actions.add(RunCommand.of("chmod", "600", dir + "/" + name));
      }
    }
    Set<String> handled = Set.of(dir, dir + "/.env", dir + "/auth.json");
    for (String path : WorldWritableCheck.find(host, dir)) {
      if (handled.contains(path)) {
        continue;
      }
      Optional<FileStat> st = host.stat(path);
      if (st.isPresent() && st.get().worldWritable()) {
        String mode = String.format(Locale.ROOT, "%03o", st.get().mode() & ~0002);
        actions.add(RunCommand.of("chmod", mode, path));
      }
    }
    return new Plan(ID, actions);
  }

  /** {@code find DIR -xdev -not -user U -print -quit}: the first entry not owned as wanted. */
  private static String notOwned(Host host, String dir, String test, String name)
      throws HostException {
    return host.exec("find", dir, "-xdev", "-not", test, name, "-print", "-quit").stdout().strip();
  }
}
