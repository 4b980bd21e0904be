package dev.hermesharden.fixes.fail2ban;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.common.PackageInstalledCheck;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.time.Duration;
import java.util.List;

/**
 * {@code fail2ban.install}: installs the Debian/Ubuntu package. {@code --force-confold} keeps any
 * config files an admin already has instead of prompting (argv cannot carry {@code
 * DEBIAN_FRONTEND}). Caveat: stale package lists make apt fail; the engine shows that error.
 */
public final class Fail2banInstallFix implements Fix {
  public static final String ID = "fail2ban.install";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    if (PackageInstalledCheck.installed(PackageInstalledCheck.query(host, "fail2ban"))) {
      return Plan.nothing(ID);
    }
    RunCommand install =
        RunCommand.of(
                "apt-get", "-y", "-o", "Dpkg::Options::=--force-confold", "install", "fail2ban")
            .withTimeout(Duration.ofMinutes(10));
    return new Plan(ID, List.of(install));
  }
}
