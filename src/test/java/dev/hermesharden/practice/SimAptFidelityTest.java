package dev.hermesharden.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hermesharden.checks.updates.OsIdentity;
import dev.hermesharden.fixes.updates.AutoUpgradesFix;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.LocalHost;
import dev.hermesharden.system.apt.AptConfigDump;
import dev.hermesharden.system.apt.DistroInfo;
import dev.hermesharden.system.apt.SecurityOrigins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The practice VPS's apt against the real tools on this machine (read only): the real {@code
 * apt-config} reads the files the practice VPS and the {@code updates.periodic} fix write and must
 * resolve them as {@link SimAptConf} does; the real {@code distro-info-data} parses. Skipped where
 * a tool or file is missing (the machine is not Debian-based).
 */
class SimAptFidelityTest {
  @TempDir Path dir;

  private static final String DEBIAN_STOCK_50 =
      """
      Unattended-Upgrade::Origins-Pattern {
              // Codename based matching:
              "origin=Debian,codename=${distro_codename},label=Debian";
              "origin=Debian,codename=${distro_codename},label=Debian-Security";
              "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";
      };
      Unattended-Upgrade::Package-Blacklist {
      };
      """;

  private AptConfigDump realDump(String... texts) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-config")), "no apt-config here");
    Path conf = dir.resolve("test.conf");
    Files.writeString(conf, String.join("\n", texts));
    // only the given texts: not this machine's own apt.conf.d (where unattended-upgrades, installed
    // for the sandbox tests, puts its stock 50unattended-upgrades)
    Path parts = Files.createDirectories(dir.resolve("parts"));
    Path isolate = dir.resolve("isolate.conf");
    Files.writeString(
        isolate, "Dir::Etc::parts \"" + parts + "\";\nDir::Etc::main \"/dev/null\";\n");
    ExecResult r =
        new LocalHost()
            .exec("env", "APT_CONFIG=" + isolate, "apt-config", "-c", conf.toString(), "dump");
    assertEquals(0, r.exitCode(), r.stderr());
    return AptConfigDump.parse(r.stdout());
  }

  @Test
  void realAptConfigResolvesTheFilesAsThePracticeVpsDoes() throws Exception {
    String override = "APT::Periodic::Unattended-Upgrade \"0\";\n";
    List<String> texts = List.of(SimApt.STOCK_50, AutoUpgradesFix.CONTENT, override);
    AptConfigDump real = realDump(texts.toArray(String[]::new));
    AptConfigDump sim = AptConfigDump.parse(SimAptConf.dump(texts));
    for (String key :
        List.of("APT::Periodic::Update-Package-Lists", "APT::Periodic::Unattended-Upgrade")) {
      assertEquals(real.get(key), sim.get(key), key);
    }
    assertEquals("1", real.get("APT::Periodic::Update-Package-Lists").orElseThrow());
    assertEquals("0", real.get("APT::Periodic::Unattended-Upgrade").orElseThrow(), "later wins");
    String allowed = "Unattended-Upgrade::Allowed-Origins";
    assertEquals(real.list(allowed), sim.list(allowed));
    assertEquals(4, real.list(allowed).size(), "the commented-out -updates line is not read");
    assertEquals(
        "${distro_id}:${distro_codename}-security",
        SecurityOrigins.covering(
            "Ubuntu", "noble", Optional.empty(), real.list(allowed), List.of()));
  }

  @Test
  void debiansStockPatternsCoverSecurityAsTheRealAptPrintsThem() throws Exception {
    AptConfigDump real = realDump(DEBIAN_STOCK_50);
    List<String> patterns = real.list("Unattended-Upgrade::Origins-Pattern");
    assertEquals(3, patterns.size(), patterns.toString());
    assertEquals(
        "origin=Debian,codename=${distro_codename}-security,label=Debian-Security",
        SecurityOrigins.covering("Debian", "bookworm", Optional.empty(), List.of(), patterns));
  }

  @Test
  void thisMachinesReleaseIsInItsOwnDistroInfoData() throws Exception {
    Path osRelease = Path.of("/etc/os-release");
    assumeTrue(Files.isReadable(osRelease), "no os-release");
    OsIdentity os = OsIdentity.parse(Files.readString(osRelease));
    assumeTrue(os.known() && !os.codename().isEmpty(), "not a released Debian or Ubuntu");
    Path csv = Path.of(DistroInfo.path(os.id()));
    assumeTrue(Files.isReadable(csv), "no distro-info-data");
    DistroInfo.Release r =
        DistroInfo.parse(Files.readString(csv)).series(os.codename()).orElseThrow();
    assertTrue(r.released().isPresent(), r.toString());
    assertTrue(r.supportEnd().isPresent(), "a released Debian/Ubuntu has an end date: " + r);
  }
}
