package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalHost on files of its own temp directory only; no system state is touched. */
class LocalHostTest {
  private final LocalHost host = new LocalHost();
  @TempDir Path dir;

  @Test
  void execCapturesExitCodeAndBothStreamsWithoutAShell() throws Exception {
    ExecResult r =
        host.exec("ls", "-d", dir.toString(), dir.resolve("missing; echo pwned").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.stdout().contains(dir.toString()), r.stdout());
    assertTrue(
        r.stderr().contains("missing; echo pwned"), "argv reaches ls unsplit: " + r.stderr());
    assertFalse(r.stdout().contains("pwned\n"), "no shell interpreted the argument");
  }

  @Test
  void aCommandThatOverrunsItsTimeoutIsATimeout() {
    HostException e =
        assertThrows(
            HostException.class, () -> host.exec(List.of("sleep", "5"), Duration.ofMillis(200)));
    assertEquals(HostException.Kind.TIMEOUT, e.kind());
  }

  /**
   * A command run as another account starts with {@code LC_ALL} and {@code PATH} only: the account
   * can read the environment of its own processes ({@code /proc/PID/environ}), and the wizard's is
   * root's (a token root's profile exports). The whole JVM environment reached it before.
   */
  @Test
  void aCommandAsAnotherAccountGetsNoneOfRootsEnvironment() throws Exception {
    Assumptions.assumeTrue(LocalHost.runningAsRoot(), "needs root: setpriv to nobody");
    assertTrue(
        System.getenv().keySet().stream().anyMatch(k -> !k.equals("PATH") && !k.equals("LC_ALL")),
        "the JVM has an environment of its own to leak");
    ExecResult r =
        host.exec(
            new Account(65534, 65534, "nobody").run("cat", "/proc/self/environ"),
            Host.DEFAULT_TIMEOUT);
    assertEquals(0, r.exitCode(), r.stderr());
    Set<String> names = new TreeSet<>();
    for (String v : r.stdout().split("\0")) {
      names.add(v.substring(0, Math.max(0, v.indexOf('='))));
    }
    assertEquals(Set.of("LC_ALL", "PATH"), names, r.stdout());
    ExecResult asRoot = host.exec("cat", "/proc/self/environ");
    assertTrue(asRoot.stdout().split("\0").length > 2, "root's own commands keep it");
  }

  @Test
  void aMissingProgramIsExit127NotAnException() throws Exception {
    assertEquals(127, host.exec("hermes-harden-no-such-program").exitCode());
  }

  @Test
  void writeReplacesAtomicallyKeepingModeAndLeavesNoTempFile() throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, "old\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    host.writeFile(f.toString(), "new\n", FileAttrs.KEEP);
    assertEquals("new\n", Files.readString(f));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    try (var s = Files.list(dir)) {
      assertEquals(List.of(f), s.toList(), "only the target remains");
    }
  }

  @Test
  void writeSetsTheRequestedModeOnANewFile() throws Exception {
    Path f = dir.resolve("new.conf");
    host.writeFile(f.toString(), "x\n", FileAttrs.mode(0640));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void readsStatsAndListsThroughTheRealTools() throws Exception {
    Path f = dir.resolve("a.txt");
    Files.writeString(f, "hello\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    assertEquals(Optional.of("hello\n"), host.readFile(f.toString()));
    assertEquals(Optional.empty(), host.readFile(dir.resolve("none").toString()));
    FileStat st = host.stat(f.toString()).orElseThrow();
    assertEquals(0640, st.mode());
    assertEquals(6, st.size());
    assertTrue(st.isRegularFile(), st.type());
    assertTrue(host.stat(dir.toString()).orElseThrow().isDirectory());
    assertEquals(Optional.empty(), host.stat(dir.resolve("none").toString()));
    assertEquals(List.of("a.txt"), host.listDirectory(dir.toString()));
  }
}
