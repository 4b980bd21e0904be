package dev.hermesharden.fixes.common;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.common.PackageInstalledCheck;
import dev.hermesharden.checks.common.UnitActiveCheck;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the Debian/Ubuntu package the step file's fix names in its {@code package} param, when
 * dpkg does not already have it, and — when the fix names a {@code unit} — enables and starts that
 * service unless it already is both (a package whose postinst starts it leaves a later plan empty).
 * {@code --force-confold} keeps config files an admin already has instead of prompting (argv cannot
 * carry {@code DEBIAN_FRONTEND}). Registered once per fix id.
 */
public final class PackageInstallFix implements Fix {
  private final String id;

  public PackageInstallFix(String id) {
    this.id = id;
  }

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    String pkg = params.string("package");
    String unit = params.string("unit", "");
    List<PlannedAction> actions = new ArrayList<>();
    installIfMissing(host, pkg, actions);
    if (!unit.isEmpty()) {
      UnitActiveCheck.Facts svc = UnitActiveCheck.query(host, unit);
      if (!actions.isEmpty()
          || !svc.enabled().equals("enabled")
          || !svc.active().equals("active")) {
        actions.add(RunCommand.of("systemctl", "enable", "--now", unit));
      }
    }
    return new Plan(id, actions);
  }

  /**
   * Adds the {@code apt-get install} of {@code pkg} to {@code actions} when dpkg does not have it.
   *
   * @return whether it was added
   */
  public static boolean installIfMissing(Host host, String pkg, List<PlannedAction> actions)
      throws HostException {
    if (PackageInstalledCheck.installed(PackageInstalledCheck.query(host, pkg))) {
      return false;
    }
    actions.add(
        RunCommand.of("apt-get", "-y", "-o", "Dpkg::Options::=--force-confold", "install", pkg)
            .withTimeout(Duration.ofMinutes(10)));
    return true;
  }
}
