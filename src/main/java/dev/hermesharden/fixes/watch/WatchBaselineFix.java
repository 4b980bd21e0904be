package dev.hermesharden.fixes.watch;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.watch.WatchBaseline;
import dev.hermesharden.checks.watch.WatchFacts;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code watch.baseline}: records the monitoring list as it is now into {@link WatchBaseline#PATH}
 * (root's 0700 state dir, the file 0600, written atomically by the engine, which backs up the
 * previous baseline). As the last step's fix it runs when the wizard finishes; applying it again
 * accepts today's state as the new normal. Nothing to plan when the baseline already says so.
 */
public final class WatchBaselineFix implements Fix {
  public static final String ID = "watch.baseline";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    Optional<String> before = host.readFile(WatchBaseline.PATH);
    WatchBaseline now = WatchFacts.gather(host, ctx);
    // Plans are made before any of the step's fixes runs and their contents are what is written
    // (StepApplier.sameActions): record root's keys as the earlier fix of this step leaves them.
    if (!new RootKeysFix().plan(host, params, ctx).isEmpty()) {
      now = now.without(WatchFacts.KEY_PREFIX + "root ");
    }
    String after = now.render();
    if (before.equals(Optional.of(after))) {
      return Plan.nothing(ID);
    }
    String dir = WatchBaseline.PATH.substring(0, WatchBaseline.PATH.lastIndexOf('/'));
    return new Plan(
        ID,
        List.of(
            RunCommand.of("install", "-d", "-m", "0700", dir),
            new WriteFile(WatchBaseline.PATH, before, after, FileAttrs.of("root", "root", 0600))));
  }
}
