package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/**
 * {@code fail2ban.installed}: dpkg says {@code install ok installed}. A removed package whose
 * config files remain ({@code deinstall ok config-files}) is not installed.
 */
public final class Fail2banInstalledCheck implements Check<Fail2banInstalledCheck.Facts> {
  /** What {@code dpkg-query -W -f=${Status} fail2ban} answered. */
  public record Facts(int exitCode, String status) {}

  public static Facts query(Host host) throws HostException {
    ExecResult r = host.exec("dpkg-query", "-W", "-f=${Status}", "fail2ban");
    return new Facts(r.exitCode(), r.stdout().strip());
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    return query(host);
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (installed(facts)) {
      return Verdict.pass("reason.fail2ban.installed");
    }
    return Verdict.fail("reason.fail2ban.not-installed")
        .with("dpkg", facts.status().isEmpty() ? "no packages found" : facts.status());
  }

  public static boolean installed(Facts facts) {
    return facts.exitCode() == 0 && facts.status().equals("install ok installed");
  }
}
