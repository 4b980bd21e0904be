package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} right after {@code audit}: the report stands on the live audit alone. */
class ReportFromAuditTest {
  @TempDir Path home;

  @Test
  void aReportNeedsNoSavedSession() throws Exception {
    assertEquals(3, CliRun.practice(home, "audit").code());
    Path out = home.resolve("r.md");
    CliRun r = CliRun.practice(home, "report", "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("live audit alone"), r.err());
    String md = Files.readString(out);
    assertTrue(md.contains("## "), md);
    assertFalse(Files.exists(home.resolve("state").resolve("state.json")), "nothing was started");
  }
}
