package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.watch.CronWritableCheck;
import dev.hermesharden.checks.watch.DoasCheck;
import dev.hermesharden.checks.watch.LoaderWritableCheck;
import dev.hermesharden.checks.watch.NoAuthorizedKeysCheck;
import dev.hermesharden.checks.watch.PolkitCheck;
import dev.hermesharden.checks.watch.PublicListenersCheck;
import dev.hermesharden.checks.watch.RootHooksWritableCheck;
import dev.hermesharden.checks.watch.SudoersCheck;
import dev.hermesharden.checks.watch.UnitsWritableCheck;
import dev.hermesharden.checks.watch.WatchBaselineCheck;
import dev.hermesharden.fixes.watch.RootKeysFix;
import dev.hermesharden.fixes.watch.WatchBaselineFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** Step {@code watch}: signs of compromise now, and the baseline the monthly review compares to. */
public final class WatchModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("watch-baseline", new WatchBaselineCheck())
        .kind("watch-no-authorized-keys", new NoAuthorizedKeysCheck())
        .kind("watch-sudoers", new SudoersCheck())
        .kind("watch-doas", new DoasCheck())
        .kind("watch-polkit", new PolkitCheck())
        .kind("watch-public-listeners", new PublicListenersCheck())
        .kind("watch-cron-writable", new CronWritableCheck())
        .kind("watch-units-writable", new UnitsWritableCheck())
        .kind("watch-loader-writable", new LoaderWritableCheck())
        .kind("watch-root-hooks-writable", new RootHooksWritableCheck())
        .fix(WatchBaselineFix.ID, new WatchBaselineFix())
        .fix(RootKeysFix.ID, new RootKeysFix());
  }
}
