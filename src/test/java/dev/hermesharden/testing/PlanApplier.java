package dev.hermesharden.testing;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;

/** Test-only: applies a plan directly (the engine does this for real, with backups and guards). */
public final class PlanApplier {
  private PlanApplier() {}

  public static void apply(Host host, Plan plan) throws HostException {
    for (PlannedAction a : plan.actions()) {
      if (a instanceof RunCommand c) {
        ExecResult r = host.exec(c.argv(), c.timeout());
        if (!c.okExitCodes().contains(r.exitCode())) {
          throw new AssertionError("command failed: " + c.commandLine() + "\n" + r.stderr());
        }
      } else if (a instanceof WriteFile w) {
        host.writeFile(w.path(), w.after(), w.attrs());
      }
    }
  }
}
