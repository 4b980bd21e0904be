package dev.hermesharden.checks.fail2ban;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/** {@code fail2ban.service}: the unit is enabled (survives a reboot) and running now. */
public final class Fail2banServiceCheck implements Check<Fail2banServiceCheck.Facts> {
  /** The first words of {@code systemctl is-enabled} and {@code is-active} (empty if none). */
  public record Facts(String enabled, String active) {}

  public static Facts query(Host host) throws HostException {
    return new Facts(
        host.exec("systemctl", "is-enabled", "fail2ban").stdout().strip(),
        host.exec("systemctl", "is-active", "fail2ban").stdout().strip());
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    return query(host);
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    String enabled = facts.enabled().isEmpty() ? "not-found" : facts.enabled();
    String active = facts.active().isEmpty() ? "unknown" : facts.active();
    Verdict v =
        enabled.equals("enabled") && active.equals("active")
            ? Verdict.pass("reason.fail2ban.service-ok")
            : enabled.equals("not-found")
                ? Verdict.fail("reason.fail2ban.service-missing")
                : Verdict.fail("reason.fail2ban.service-not-ok", enabled, active);
    return v.with("is-enabled", enabled).with("is-active", active);
  }
}
