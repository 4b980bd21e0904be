package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.assertStatus;
import static dev.hermesharden.sandbox.Cli.audit;
import static dev.hermesharden.sandbox.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.fixes.updates.AutoUpgradesFix;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Step {@code updates} inside the sandbox VPS (its own copy of {@code /etc}) through the real CLI
 * and the real {@code apt-config}, {@code dpkg-query} and {@code distro-info-data}: the periodic
 * settings as apt resolves {@code apt.conf.d}, the fix's file, and a later file overriding it.
 *
 * <p>The second method needs the {@code unattended-upgrades} package (installed by {@code
 * .ci/run}); without it that method is skipped, or fails under {@code HH_SANDBOX=required}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxUpdatesTest {
  private static final String CONF_D = "/etc/apt/apt.conf.d";
  private static final String ORIGINS =
      "Unattended-Upgrade::Allowed-Origins {\n"
          + "  \"${distro_id}:${distro_codename}\";\n"
          + "  \"${distro_id}:${distro_codename}-security\";\n"
          + "};\n";

  @Test
  @Order(1)
  void periodicSettingsAreReadAsTheRealAptResolvesThem(SandboxVps vps) throws Exception {
    Path d = vps.vpsPath(CONF_D);
    Files.deleteIfExists(d.resolve("20auto-upgrades"));
    Path origins = d.resolve("50unattended-upgrades");
    if (!Files.exists(origins)) {
      Files.writeString(origins, ORIGINS); // what the package ships, where it is not installed
    }
    Map<String, JsonNode> before = audit(vps, "updates");
    assertStatus(before, "updates.periodic-lists", "FAIL");
    assertStatus(before, "updates.periodic-upgrade", "FAIL");
    assertStatus(before, "updates.security-origins", "PASS");
    assertNotEquals(
        "FAIL",
        before.get("updates.supported-release").get("status").asText(),
        "the sandbox copies this supported machine: " + before.get("updates.supported-release"));

    String plan = run(vps, 0, "plan", "--step", "updates");
    assertTrue(plan.contains("+++ b/etc/apt/apt.conf.d/20auto-upgrades"), plan);

    Files.writeString(d.resolve("20auto-upgrades"), AutoUpgradesFix.CONTENT);
    Map<String, JsonNode> after = audit(vps, "updates");
    assertStatus(after, "updates.periodic-lists", "PASS");
    assertStatus(after, "updates.periodic-upgrade", "PASS");

    Path override = d.resolve("99zz-hh-test");
    Files.writeString(override, "APT::Periodic::Unattended-Upgrade \"0\";\n");
    try {
      Map<String, JsonNode> overridden = audit(vps, "updates");
      assertStatus(overridden, "updates.periodic-upgrade", "FAIL");
      assertStatus(overridden, "updates.periodic-lists", "PASS");
    } finally {
      Files.deleteIfExists(override);
    }
  }

  @Test
  @Order(2)
  void unattendedUpgradeItselfAllowsTheSecurityArchive(SandboxVps vps) throws Exception {
    ExecResult dpkg = vps.inVps(List.of("dpkg-query", "-W", "-f=${Status}", "unattended-upgrades"));
    boolean installed = dpkg.stdout().equals("install ok installed");
    if (!"required".equals(System.getenv("HH_SANDBOX"))) {
      assumeTrue(installed, "unattended-upgrades is not installed (.ci/run installs it)");
    }
    assertTrue(installed, "unattended-upgrades must be installed: " + dpkg);
    assertStatus(audit(vps, "updates"), "updates.unattended-installed", "PASS");
    // the VPS has its own /var/log: the directory the package ships there is made as dpkg would
    vps.inVps(List.of("install", "-d", "-m", "0755", "/var/log/unattended-upgrades"));
    ExecResult dry = vps.inVps(List.of("unattended-upgrade", "--dry-run", "--debug"));
    String all = dry.stdout() + dry.stderr();
    assertEquals(0, dry.exitCode(), all);
    assertTrue(all.contains("Allowed origins are:"), all);
    assertTrue(all.contains("-security"), "the tool itself lists a security origin:\n" + all);
  }
}
