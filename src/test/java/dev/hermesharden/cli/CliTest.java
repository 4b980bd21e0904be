package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path home;

  @Test
  void helpListsTheCommandsAndExitsZero() {
    CliRun r = CliRun.of(CliRun.user(home), "--help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("audit"), r.out());
    assertTrue(r.out().contains("--practice"), r.out());
    assertTrue(r.out().contains("Exit codes"), r.out());
  }

  @Test
  void helpIsGermanWithLangDe() {
    CliRun r = CliRun.of(CliRun.user(home), "--lang", "de", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Befehle"), r.out());
    assertTrue(r.out().contains("Übungs") || r.out().contains("üben"), r.out());
  }

  @Test
  void versionPrintsTheBuildVersion() {
    CliRun r = CliRun.of(CliRun.user(home), "--version");
    assertEquals(0, r.code());
    assertTrue(r.out().matches("hermes-harden \\d+\\.\\d+\\.\\d+.*\\s*"), r.out());
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitTwo() {
    CliRun r = CliRun.of(CliRun.user(home), "audit", "--frobnicate");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--frobnicate"), r.err());
    assertTrue(r.err().contains("Usage error"), r.err());
  }

  @Test
  void unknownOptionIsExplainedInGerman() {
    CliRun r = CliRun.of(CliRun.user(home), "--lang", "de", "--frobnicate");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Aufruffehler"), r.err());
    assertTrue(r.err().contains("unbekannte Option"), r.err());
  }

  /**
   * A non-root audit of this machine. The real tools are replaced by stand-ins that answer exactly
   * as they do for a normal user, so the outcome is the same whether the test runs as root (CI) or
   * not, and nothing real is asked. Files are still read from this machine, read-only.
   */
  @Test
  void auditOnTheRealHostAsNonRootSaysWhyAndTouchesNothing() throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    tool(bin, "sshd", "echo 'sshd: no hostkeys available -- exiting.' >&2; exit 1");
    tool(bin, "ufw", "echo 'ERROR: You need to be root to run this script' >&2; exit 1");
    tool(
        bin,
        "fail2ban-client",
        "echo 'ERROR  Permission denied to socket: /var/run/fail2ban/fail2ban.sock, (you must be"
            + " root)' >&2; exit 255");
    tool(
        bin,
        "docker",
        "echo 'permission denied while trying to connect to the Docker daemon socket at"
            + " unix:///var/run/docker.sock' >&2; exit 1");
    for (String readOnly : List.of("stat", "getent", "id")) {
      // the harmless readers the checks use, so the rows show what root would change
      Path real = Path.of("/usr/bin", readOnly);
      if (Files.isExecutable(real)) {
        Files.createSymbolicLink(bin.resolve(readOnly), real);
      }
    }
    Path state = home.resolve("state");
    CliEnvironment alice =
        new CliEnvironment(
            Map.of("LANG", "C.UTF-8", "USER", "alice", "PATH", bin.toString()), 1000, home);

    CliRun r = CliRun.of(alice, "audit", "--state-dir", state.toString());

    assertEquals(3, r.code(), "not everything could be verified: " + r.out() + r.err());
    assertTrue(r.out().contains("could not be verified without root"), r.out());
    assertTrue(r.out().contains("\n  sshd.password-authentication: needs root: sshd -"), r.out());
    assertTrue(r.out().contains("\n  firewall.active: needs root: ufw status"), r.out());
    assertTrue(r.out().contains("\n  fail2ban.sshd-jail: needs root: fail2ban-client"), r.out());
    assertTrue(r.out().contains("needs root: docker"), r.out());
    assertTrue(
        r.out().matches("(?s).*firewall\\.active +skipped +needs root.*"),
        "rows say so: " + r.out());
    assertEquals("", r.err());
    assertFalse(Files.exists(state), "a read-only audit writes no state");
    try (Stream<Path> left = Files.list(home)) {
      assertEquals(List.of(bin), left.toList(), "nothing else appeared in HOME");
    }
  }

  @Test
  void planOnTheRealHostAsNonRootStillRefuses() {
    Path state = home.resolve("state");
    CliRun r = CliRun.of(CliRun.user(home), "plan", "--state-dir", state.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("root"), r.err());
    assertTrue(r.err().contains("--practice"), r.err());
    assertFalse(Files.exists(state), "nothing may be written before refusing");
  }

  private static void tool(Path bin, String name, String body) throws IOException {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
