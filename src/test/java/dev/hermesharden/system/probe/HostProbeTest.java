package dev.hermesharden.system.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.HostFacts;
import dev.hermesharden.practice.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostProbeTest {
  private static String fixture(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/fixtures/probe", name));
  }

  @Test
  void ubuntuOsRelease() throws Exception {
    HostFacts.Os os = OsRelease.parse(fixture("os-release-ubuntu-24.04")).orElseThrow();
    assertEquals("ubuntu", os.id());
    assertEquals("24.04", os.versionId());
    assertEquals("Ubuntu 24.04.1 LTS", os.prettyName());
    assertEquals("Ubuntu 24.04", os.shortName());
  }

  @Test
  void debianOsRelease() throws Exception {
    HostFacts.Os os = OsRelease.parse(fixture("os-release-debian-12")).orElseThrow();
    assertEquals("debian", os.id());
    assertEquals("Debian GNU/Linux 12", os.shortName());
  }

  @Test
  void garbageIsNoOsRelease() {
    assertEquals(Optional.empty(), OsRelease.parse("}{ garbage\n\u0000"));
  }

  @Test
  void dockerVersionOnlyFromASuccessfulVersionLine() {
    assertEquals(Optional.of("26.1.3"), HostProbe.dockerVersion(exec(0, "26.1.3\n", "")));
    // as a normal user the client prints its own part and fails on the socket
    assertEquals(
        Optional.empty(),
        HostProbe.dockerVersion(
            exec(
                1,
                "",
                "permission denied while trying to connect to the Docker daemon socket at"
                    + " unix:///var/run/docker.sock")));
    assertEquals(Optional.empty(), HostProbe.dockerVersion(exec(0, "<no value>\n", "")));
  }

  @Test
  void unitKnownFromSystemctlIsEnabled() {
    assertTrue(HostProbe.unitKnown(Optional.of(exec(0, "enabled\n", ""))));
    assertTrue(HostProbe.unitKnown(Optional.of(exec(1, "disabled\n", ""))));
    assertTrue(HostProbe.unitKnown(Optional.of(exec(0, "alias\n", ""))));
    assertFalse(
        HostProbe.unitKnown(
            Optional.of(
                exec(
                    1,
                    "",
                    "Failed to get unit file state for sshd.service: No such file or"
                        + " directory\n"))));
    assertFalse(HostProbe.unitKnown(Optional.of(exec(127, "", "systemctl: command not found"))));
  }

  @Test
  void adminFromSshConnectionAndSudo() {
    HostFacts.Admin a =
        HostProbe.admin(
            Map.of(
                "SSH_CONNECTION", "203.0.113.7 51234 198.51.100.10 22",
                "SUDO_USER", "admin",
                "USER", "root"));
    assertEquals(Optional.of("admin"), a.user());
    assertTrue(a.viaSudo());
    assertEquals(Optional.of("203.0.113.7"), a.clientAddress());
    assertEquals(Optional.of("198.51.100.10"), a.serverAddress());
    HostFacts.Admin console = HostProbe.admin(Map.of("USER", "alice"));
    assertEquals(Optional.of("alice"), console.user());
    assertFalse(console.viaSudo());
    assertEquals(Optional.empty(), console.clientAddress());
  }

  @Test
  void thePracticeVpsIsAnUbuntuWithOpensshAndComposeV2() {
    // The simulator does not answer /run/systemd/system, systemctl is-enabled or docker version
    // --format yet: those facts stay unknown there (never guessed), see docs/real-host.md.
    HostFacts f = HostProbe.probe(SimulatedHost.fresh(), Map.of());
    assertEquals("ubuntu", f.os().orElseThrow().id());
    assertEquals(Optional.of("OpenSSH_9.6p1"), f.openssh(), f.toString());
    assertEquals(Optional.of(new HostFacts.Compose(true, "v2.27.0")), f.compose());
  }

  private static ExecResult exec(int code, String out, String err) {
    return new ExecResult(List.of("x"), code, out, err);
  }
}
