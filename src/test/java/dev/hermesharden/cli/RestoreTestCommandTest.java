package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.backups.RestoreTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore-test} refuses what cannot be a restore test before it touches any host: the
 * practice VPS (no real archive) and an age identity on the server itself (the private key belongs
 * on the workstation). The run over SSH is {@code RemoteModeSandboxTest}.
 */
class RestoreTestCommandTest {
  @TempDir Path home;

  @Test
  void thePracticeVpsHasNothingToRestore() {
    CliRun r = CliRun.practice(home, "restore-test");
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("no real backup archive"), r.err());
  }

  @Test
  void anIdentityOnTheServerItselfIsRefused() {
    CliRun r =
        CliRun.of(CliRun.user(home), "restore-test", "--identity", home.resolve("key").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("belongs on your workstation"), r.err());
  }

  @Test
  void odHexReadsBackToTheBytes() {
    byte[] bytes = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, 10, 13, 32};
    String od = " 00 01 7f 80 ff 0a 0d 20\n";
    assertArrayEquals(bytes, RestoreTest.hex(od));
  }
}
