package dev.hermesharden.system.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code apt-config dump} output as apt prints it (Debian 12 with unattended-upgrades). */
class AptConfigDumpTest {
  static final String DEBIAN_12 =
      """
      APT "";
      APT::Architecture "amd64";
      APT::Periodic "";
      APT::Periodic::Update-Package-Lists "1";
      APT::Periodic::Unattended-Upgrade "0";
      APT::NeverAutoRemove "";
      APT::NeverAutoRemove:: "^firmware-linux.*";
      APT::NeverAutoRemove:: "^linux-firmware$";
      Unattended-Upgrade "";
      Unattended-Upgrade::Origins-Pattern "";
      Unattended-Upgrade::Origins-Pattern:: "origin=Debian,codename=${distro_codename}-updates";
      Unattended-Upgrade::Origins-Pattern:: "origin=Debian,codename=${distro_codename},label=Debian";
      Unattended-Upgrade::Origins-Pattern:: "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";
      Unattended-Upgrade::Package-Blacklist "";
      """;

  @Test
  void readsValuesAndListsIgnoringKeyCase() {
    AptConfigDump d = AptConfigDump.parse(DEBIAN_12);
    assertEquals(Optional.of("1"), d.get("APT::Periodic::Update-Package-Lists"));
    assertEquals(
        Optional.of("0"),
        d.get("apt::periodic::unattended-upgrade"),
        "apt keys are case-insensitive");
    assertEquals(
        Optional.of(""), d.get("Unattended-Upgrade::Origins-Pattern"), "a list's own line");
    assertEquals(3, d.list("Unattended-Upgrade::Origins-Pattern").size());
    assertEquals(
        "origin=Debian,codename=${distro_codename}-security,label=Debian-Security",
        d.list("Unattended-Upgrade::Origins-Pattern").get(2));
    assertEquals(List.of(), d.list("Unattended-Upgrade::Package-Blacklist"), "an empty list");
    assertTrue(d.get("APT::Periodic::Download-Upgradeable-Packages").isEmpty());
  }

  @Test
  void linesThatAreNotSettingsAreIgnored() {
    AptConfigDump d = AptConfigDump.parse("garbage\n\nAPT::X \"2\";\nAPT::Y \"3\"\n");
    assertEquals(Optional.of("2"), d.get("APT::X"));
    assertTrue(d.get("APT::Y").isEmpty(), "no closing semicolon: not a dump line");
  }
}
