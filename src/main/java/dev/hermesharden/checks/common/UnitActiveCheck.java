package dev.hermesharden.checks.common;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/**
 * Kind {@code unit-active}: the systemd unit {@code unit} is enabled (survives a reboot) and
 * running now. A unit systemd does not know is reported as not installed yet.
 */
public final class UnitActiveCheck implements Check<UnitActiveCheck.Facts> {
  public static final String KIND = "unit-active";

  /** The first words of {@code systemctl is-enabled} and {@code is-active} (empty if none). */
  public record Facts(String unit, String enabled, String active) {}

  private static final ParamSchema SCHEMA = ParamSchema.of(Param.text("unit"));

  public static Facts query(Host host, String unit) throws HostException {
    return new Facts(
        unit,
        host.exec("systemctl", "is-enabled", unit).stdout().strip(),
        host.exec("systemctl", "is-active", unit).stdout().strip());
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Facts gather(Host host, StepContext ctx) {
    throw new IllegalStateException(KIND + " gathers with its parameters");
  }

  @Override
  public Facts gather(Host host, Params params, StepContext ctx) throws HostException {
    return query(host, params.string("unit"));
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    String enabled = facts.enabled().isEmpty() ? "not-found" : facts.enabled();
    String active = facts.active().isEmpty() ? "unknown" : facts.active();
    String unit = facts.unit();
    Verdict v =
        enabled.equals("enabled") && active.equals("active")
            ? Verdict.pass("reason.unit.active", unit)
            : enabled.equals("not-found")
                ? Verdict.fail("reason.unit.missing", unit)
                : Verdict.fail("reason.unit.not-active", unit, enabled, active);
    return v.with("is-enabled", enabled).with("is-active", active);
  }
}
