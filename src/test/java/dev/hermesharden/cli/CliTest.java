package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void auditOnTheRealHostAsNonRootSaysWhyAndTouchesNothing() {
    Path state = home.resolve("state");
    CliRun r = CliRun.of(CliRun.user(home), "audit", "--state-dir", state.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("root"), r.err());
    assertTrue(r.err().contains("sshd -T"), "says why root is needed: " + r.err());
    assertTrue(r.err().contains("--practice"), r.err());
    assertEquals("", r.out());
    assertFalse(Files.exists(state), "nothing may be written before refusing");
  }
}
