package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.RemoteCommandLine.Privilege;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines {@link SshHost} sends, run here by {@code /bin/sh} as a login shell would, with a
 * stand-in {@code sudo} that behaves as the real one with {@code -S}: it reads one line (byte by
 * byte) when the policy wants a password, none when it does not. The command's own input must
 * arrive whole in both cases, and the password never.
 */
@Timeout(60)
class RemoteCommandLineTest {
  private static final String PASSWORD = "s3cret 'pw' $(x)";

  @TempDir Path bin;

  @Test
  void theCommandGetsExactlyItsOwnInputWhetherOrNotSudoReadsThePassword() throws Exception {
    // input that looks like the password and like a mark must pass untouched
    byte[] payload =
        (PASSWORD + "\nmark-lookalike\n\u0000binary\u00ff\nno newline at the end")
            .getBytes(StandardCharsets.ISO_8859_1);
    for (boolean asks : List.of(true, false)) {
      fakeSudo(asks);
      String mark = SshHost.newMark();
      String line =
          RemoteCommandLine.line(
              List.of("cat"),
              Duration.ofSeconds(10),
              Privilege.SUDO_PASSWORD,
              mark,
              "/usr/bin:/bin");
      Result r = run(line, input(mark, payload));
      assertEquals(0, r.code, "exit; stderr: " + r.err);
      assertArrayEquals(payload, r.out, "sudo asks for a password: " + asks);
      String seen = Files.readString(bin.resolve("sudo-read"));
      assertEquals(asks ? PASSWORD + "\n" : "\n", seen, "what sudo read");
      assertFalse(line.contains(PASSWORD), "never in the command line");
    }
  }

  /**
   * On the server too, a command run as another account gets {@code LC_ALL} and {@code PATH} only
   * ({@code env -i}): the login's environment (root's own, over a root login) is readable by the
   * account in {@code /proc/PID/environ}. Root's own commands keep theirs.
   */
  @Test
  void aCommandAsAnotherAccountGetsOnlyLocaleAndPath() throws Exception {
    List<String> drop = new Account(65534, 65534, "nobody").run("cat", "/proc/self/environ");
    String line =
        RemoteCommandLine.line(drop, Duration.ofSeconds(10), Privilege.LOGIN, "", "/usr/bin:/bin");
    assertTrue(line.contains(" 'env' '-i' 'LC_ALL=C' 'PATH=/usr/bin:/bin' 'setpriv' "), line);
    String own =
        RemoteCommandLine.line(
            List.of("cat"), Duration.ofSeconds(10), Privilege.LOGIN, "", "/usr/bin:/bin");
    assertFalse(own.contains("'-i'"), own);
    if (LocalHost.runningAsRoot()) { // CI: the line run as a root login would run it
      Result r = run(line, new byte[0]);
      assertEquals(0, r.code, r.err);
      assertEquals(
          "LC_ALL=C\0PATH=/usr/bin:/bin\0", new String(r.out, StandardCharsets.UTF_8), r.err);
    }
  }

  @Test
  void withoutAPasswordTheInputGoesStraightToTheCommand() throws Exception {
    fakeSudo(false);
    byte[] payload = "a\nb\n".getBytes(StandardCharsets.UTF_8);
    for (Privilege p : List.of(Privilege.LOGIN, Privilege.SUDO_NOPASSWD)) {
      String line =
          RemoteCommandLine.line(List.of("cat"), Duration.ofSeconds(10), p, "", "/usr/bin:/bin");
      Result r = run(line, payload);
      assertArrayEquals(payload, r.out, p.name());
    }
  }

  @Test
  void hostileArgvAndTheSearchPathArriveAsSentAndTheServerSideTimeoutStopsTheCommand()
      throws Exception {
    fakeSudo(true);
    List<String> argv = new ArrayList<>(List.of("printf", "%s\\000"));
    argv.addAll(HostileWords.ALL);
    String mark = SshHost.newMark();
    Result r =
        run(
            RemoteCommandLine.line(
                argv, Duration.ofSeconds(10), Privilege.SUDO_PASSWORD, mark, "/usr/bin:/bin"),
            input(mark, new byte[0]));
    ByteArrayOutputStream want = new ByteArrayOutputStream();
    for (String w : HostileWords.ALL) {
      want.writeBytes(w.getBytes(StandardCharsets.UTF_8));
      want.write(0);
    }
    assertArrayEquals(want.toByteArray(), r.out, r.err);

    long t0 = System.nanoTime();
    Result slow =
        run(
            RemoteCommandLine.line(
                List.of("sleep", "30"),
                Duration.ofMillis(500),
                Privilege.LOGIN,
                "",
                "/usr/bin:/bin"),
            new byte[0]);
    assertEquals(124, slow.code, "timeout(1)'s code");
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "stopped on the server side");
  }

  private byte[] input(String mark, byte[] payload) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes((PASSWORD + "\n" + mark + "\n").getBytes(StandardCharsets.UTF_8));
    b.writeBytes(payload);
    return b.toByteArray();
  }

  /** A {@code sudo} that reads a password line (or not), records it, and runs the command. */
  private void fakeSudo(boolean asks) throws Exception {
    Path s = bin.resolve("sudo");
    Files.writeString(
        s,
        "#!/bin/sh\n"
            + "while [ \"$1\" != -- ]; do shift; done; shift\n"
            + (asks ? "IFS= read -r pw\n" : "pw=\n")
            + "printf '%s\\n' \"$pw\" >'"
            + bin.resolve("sudo-read")
            + "'\nexec \"$@\"\n");
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
  }

  private record Result(int code, byte[] out, String err) {}

  private Result run(String line, byte[] stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", line);
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    Path err = bin.resolve("stderr");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin);
    }
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    return new Result(p.exitValue(), out, Files.readString(err));
  }
}
