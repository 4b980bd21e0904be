package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.fixes.RevertCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The revert script on its own: run with /bin/sh on temp files, the reload a harmless argv. */
class RevertScriptTest {
  @TempDir Path dir;

  /** Every byte value, CRLF line ends, no trailing newline. */
  private static final byte[] BINARYISH = binaryish();

  private static byte[] binaryish() {
    byte[] b = new byte[256 + 9];
    for (int i = 0; i < 256; i++) {
      b[i] = (byte) i;
    }
    byte[] tail = "a\r\nb\r\n\r\nz".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(tail, 0, b, 256, tail.length);
    return b;
  }

  private Path script(
      List<RevertScript.Restore> restores, List<String> created, List<RevertCommand> cmds)
      throws IOException {
    Path s = dir.resolve("r1.sh");
    Files.writeString(
        s, RevertScript.render("r1", dir.toString(), "test", restores, created, cmds));
    return s;
  }

  private int run(Path script, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("/bin/sh", script.toString()));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "script finished");
    return p.exitValue();
  }

  private RevertScript.Restore restore(Path target, Path backup, int mode) throws Exception {
    return new RevertScript.Restore(
        target.toString(),
        backup.toString(),
        sha(Files.readAllBytes(backup)),
        user(),
        group(),
        mode);
  }

  @Test
  void restoresByteForByteWithModeDeletesCreatedAndReloads() throws Exception {
    Path target = dir.resolve("sshd_config");
    Path backup = dir.resolve("backup-sshd_config");
    Path crlf = dir.resolve("crlf.conf");
    Path crlfBackup = dir.resolve("backup-crlf");
    Path created = dir.resolve("00-hermes-harden.conf");
    Files.write(backup, BINARYISH);
    Files.write(target, "PasswordAuthentication no\n".getBytes(StandardCharsets.UTF_8));
    byte[] crlfBytes = "Port 22\r\nPermitRootLogin yes\r\n".getBytes(StandardCharsets.UTF_8);
    Files.write(crlfBackup, crlfBytes);
    Files.writeString(crlf, "changed");
    Files.writeString(created, "AllowUsers admin\n");
    Path reloaded = dir.resolve("reloaded");
    Path script =
        script(
            List.of(restore(target, backup, 0644), restore(crlf, crlfBackup, 0640)),
            List.of(created.toString()),
            List.of(
                RevertCommand.required("true"),
                RevertCommand.of("false").orElse("touch", reloaded.toString())));

    assertEquals(0, run(script));

    assertArrayEquals(BINARYISH, Files.readAllBytes(target));
    assertArrayEquals(crlfBytes, Files.readAllBytes(crlf));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(crlf)));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertFalse(Files.exists(created));
    assertTrue(Files.exists(reloaded), "second alternative of the reload ran");
    String log = Files.readString(dir.resolve("r1.log"));
    assertTrue(log.contains("firing"), log);
    assertTrue(log.contains("done: reverted\n"), log);
    assertFalse(Files.exists(dir.resolve("r1.pid")), "pid file removed when done");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.toString().contains("hermes-harden-revert")), "no temp");
    }
  }

  @Test
  void idempotentSecondRunGivesTheSameFilesAndReloadsAgain() throws Exception {
    Path target = dir.resolve("f");
    Path backup = dir.resolve("b");
    Files.write(backup, BINARYISH);
    Files.writeString(target, "new");
    Path count = dir.resolve("count");
    Path script =
        script(
            List.of(restore(target, backup, 0600)),
            List.of(dir.resolve("gone").toString()),
            List.of(RevertCommand.of("sh", "-c", "echo x >> \"$0\"", count.toString())));
    assertEquals(0, run(script));
    assertEquals(0, run(script));
    assertArrayEquals(BINARYISH, Files.readAllBytes(target));
    assertEquals("x\nx\n", Files.readString(count));
  }

  @Test
  void damagedBackupIsNeverWrittenAndAFailedRequiredCommandStopsTheReload() throws Exception {
    Path target = dir.resolve("f");
    Path backup = dir.resolve("b");
    Files.writeString(backup, "original");
    RevertScript.Restore r = restore(target, backup, 0644);
    Files.writeString(backup, "garbage!"); // damaged after the sha was taken
    Files.writeString(target, "after");
    Path reloaded = dir.resolve("reloaded");
    Path script =
        script(
            List.of(r),
            List.of(),
            List.of(
                RevertCommand.required("false"), RevertCommand.of("touch", reloaded.toString())));
    assertEquals(1, run(script));
    assertEquals("after", Files.readString(target));
    assertFalse(Files.exists(reloaded), "no reload after a failed sshd -t");
    String log = Files.readString(dir.resolve("r1.log"));
    assertTrue(log.contains("does not match its sha256"), log);
    assertTrue(log.contains("FAILED: false"), log);
  }

  @Test
  void disarmedSleeperDoesNothingAndItsPidIsRecorded() throws Exception {
    Path target = dir.resolve("f");
    Path backup = dir.resolve("b");
    Files.writeString(backup, "original");
    Files.writeString(target, "after");
    Path script = script(List.of(restore(target, backup, 0644)), List.of(), List.of());
    Process p = new ProcessBuilder("/bin/sh", script.toString(), "30").start();
    Path pid = dir.resolve("r1.pid");
    // the shell creates the file, then writes the number: wait for a whole line, as
    // RevertArmer.pid does (an empty file is no pid yet)
    for (int i = 0; i < 100 && !(Files.exists(pid) && Files.readString(pid).endsWith("\n")); i++) {
      Thread.sleep(50);
    }
    assertEquals(String.valueOf(p.pid()), Files.readString(pid).strip());
    Files.writeString(dir.resolve("r1.disarmed"), "");
    new ProcessBuilder("kill", String.valueOf(p.pid())).start().waitFor();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the sleeper ends at once on SIGTERM");
    assertEquals("after", Files.readString(target));
    assertTrue(Files.readString(dir.resolve("r1.log")).contains("disarmed: not reverting"));
  }

  /**
   * A disarm's SIGTERM sent the moment the pid appears still finds the trap: the script ends at
   * once, says so, and reverts nothing (the pid used to be written before the trap was set).
   */
  @Test
  void aDisarmTheInstantThePidAppearsIsStillHeard() throws Exception {
    for (int i = 0; i < 6; i++) {
      Path target = dir.resolve("f");
      Path backup = dir.resolve("b");
      Files.writeString(backup, "original");
      Files.writeString(target, "after");
      Path pid = dir.resolve("r1.pid");
      Files.deleteIfExists(pid);
      Files.deleteIfExists(dir.resolve("r1.log"));
      Files.writeString(dir.resolve("r1.disarmed"), "");
      Path script = script(List.of(restore(target, backup, 0644)), List.of(), List.of());
      Process p = new ProcessBuilder("/bin/sh", script.toString(), "30").start();
      String shown = "";
      for (long end = System.nanoTime() + 5_000_000_000L;
          shown.isEmpty() && System.nanoTime() < end; ) {
        shown = Files.exists(pid) ? Files.readString(pid).strip() : "";
      }
      assertEquals(String.valueOf(p.pid()), shown);
      new ProcessBuilder("kill", shown).start().waitFor();
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the sleeper ends at once on SIGTERM");
      assertEquals("after", Files.readString(target));
      String log = Files.readString(dir.resolve("r1.log"));
      assertTrue(log.contains("disarmed: not reverting"), "run " + i + ": " + log);
    }
  }

  @Test
  void aForegroundRunLeavesTheSleepersPidForTheDisarm() throws Exception {
    Path target = dir.resolve("f");
    Path backup = dir.resolve("b");
    Files.writeString(backup, "original");
    Files.writeString(target, "after");
    Path script = script(List.of(restore(target, backup, 0644)), List.of(), List.of());
    Process sleeper = new ProcessBuilder("/bin/sh", script.toString(), "30").start();
    try {
      Path pid = dir.resolve("r1.pid");
      for (int i = 0; i < 100 && !Files.exists(pid); i++) {
        Thread.sleep(50);
      }
      assertEquals(0, run(script)); // the engine reverting at once (a failed reload)
      assertEquals("original", Files.readString(target));
      assertEquals(String.valueOf(sleeper.pid()), Files.readString(pid).strip());
    } finally {
      Files.writeString(dir.resolve("r1.disarmed"), "");
      new ProcessBuilder("kill", String.valueOf(sleeper.pid())).start().waitFor();
      assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void sleeperFiresAfterItsDelay() throws Exception {
    Path target = dir.resolve("it's here"); // a quote and a space in the path
    Path backup = dir.resolve("b");
    Files.writeString(backup, "original");
    Files.writeString(target, "after");
    Path script = script(List.of(restore(target, backup, 0644)), List.of(), List.of());
    assertEquals(0, run(script, "1"));
    assertEquals("original", Files.readString(target));
  }

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static String user() throws IOException {
    return out("id", "-un");
  }

  private static String group() throws IOException {
    return out("id", "-gn");
  }

  private static String out(String... argv) throws IOException {
    return new String(new ProcessBuilder(argv).start().getInputStream().readAllBytes()).strip();
  }
}
