package dev.hermesharden.checks.updates;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.common.AptConfigCheck;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.apt.AptConfigDump;
import dev.hermesharden.system.apt.SecurityOrigins;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kind {@code apt-security-origins}: unattended-upgrades may install the distribution's security
 * updates ({@link SecurityOrigins}), read from {@code apt-config dump}. Particular because which
 * origin is "security" depends on the distribution and release read from os-release.
 */
public final class SecurityOriginsCheck implements Check<SecurityOriginsCheck.Facts> {
  public static final String KIND = "apt-security-origins";
  static final String ALLOWED = "Unattended-Upgrade::Allowed-Origins";
  static final String PATTERN = "Unattended-Upgrade::Origins-Pattern";

  /** Where apt keeps the Release files of the archives it knows. */
  static final String LISTS = "/var/lib/apt/lists";

  /**
   * @param debianSuite the {@code Suite} of Debian's security archive from apt's lists ({@code
   *     oldstable-security} …), empty when apt has none (or not Debian)
   */
  public record Facts(OsIdentity os, AptConfigCheck.Facts apt, Optional<String> debianSuite) {
    public Facts(OsIdentity os, AptConfigCheck.Facts apt) {
      this(os, apt, Optional.empty());
    }
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    OsIdentity os = OsIdentity.read(host);
    return new Facts(os, AptConfigCheck.read(host), debianSuite(host, os));
  }

  /**
   * The Suite of {@code …_dists_CODENAME-security_InRelease} (or {@code _Release}) in apt's lists.
   */
  static Optional<String> debianSuite(Host host, OsIdentity os) throws HostException {
    if (!os.distroId().equals("Debian") || os.codename().isEmpty()) {
      return Optional.empty();
    }
    String tail = "_dists_" + os.codename() + "-security_";
    for (String n : host.listDirectory(LISTS)) {
      if (n.endsWith(tail + "InRelease") || n.endsWith(tail + "Release")) {
        Optional<String> suite =
            host.readFile(LISTS + "/" + n).flatMap(SecurityOrigins::suiteFromRelease);
        if (suite.isPresent()) {
          return suite;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    OsIdentity os = facts.os();
    if (!os.known() || os.codename().isEmpty()) {
      return new Verdict(
          Status.SKIPPED,
          Reason.of("reason.updates.origins-unknown-distro", os.id().isEmpty() ? "?" : os.id()),
          Map.of());
    }
    if (facts.apt().dump().isEmpty()) {
      return Verdict.error("reason.apt-config.unavailable", facts.apt().error());
    }
    AptConfigDump dump = facts.apt().dump().get();
    List<String> allowed = dump.list(ALLOWED);
    List<String> patterns = dump.list(PATTERN);
    String security = os.codename() + "-security";
    String item =
        SecurityOrigins.covering(
            os.distroId(), os.codename(), facts.debianSuite(), allowed, patterns);
    Verdict v =
        !item.isEmpty()
            ? Verdict.pass("reason.updates.origins-security", security, item)
            : allowed.isEmpty() && patterns.isEmpty()
                ? Verdict.fail("reason.updates.origins-none")
                : Verdict.fail("reason.updates.origins-no-security", security);
    return v.with("Allowed-Origins", String.valueOf(allowed.size()))
        .with("Origins-Pattern", String.valueOf(patterns.size()));
  }
}
