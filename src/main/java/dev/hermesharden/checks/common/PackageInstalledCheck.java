package dev.hermesharden.checks.common;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;

/**
 * Kind {@code package-installed}: dpkg says {@code install ok installed} for the Debian package
 * {@code package}. A removed package whose config files remain ({@code deinstall ok config-files})
 * is not installed.
 */
public final class PackageInstalledCheck implements Check<PackageInstalledCheck.Facts> {
  public static final String KIND = "package-installed";

  /** What {@code dpkg-query -W -f=${Status} PACKAGE} answered. */
  public record Facts(String pkg, int exitCode, String status) {}

  private static final ParamSchema SCHEMA = ParamSchema.of(Param.text("package"));

  public static Facts query(Host host, String pkg) throws HostException {
    ExecResult r = host.exec("dpkg-query", "-W", "-f=${Status}", pkg);
    return new Facts(pkg, r.exitCode(), r.stdout().strip());
  }

  public static boolean installed(Facts facts) {
    return facts.exitCode() == 0 && facts.status().equals("install ok installed");
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
    return query(host, params.string("package"));
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (installed(facts)) {
      return Verdict.pass("reason.package.installed", facts.pkg());
    }
    return Verdict.fail("reason.package.not-installed", facts.pkg())
        .with("dpkg", facts.status().isEmpty() ? "no packages found" : facts.status());
  }
}
