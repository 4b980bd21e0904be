package dev.hermesharden.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.release.DebPackageIT.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which class-data archive the launcher ({@code hermes-harden} at the repository's root) gives the
 * JVM, in a copy of a checkout (the launcher and {@code target/} with the real jar and an archive
 * it dumped): the JVM says which one it maps ({@code -XX:+PrintSharedArchiveAndExit}, through
 * {@code JAVA_TOOL_OPTIONS}). The JDK's own archive is the answer whenever the app's is stale or
 * could be changed by an account that is neither root nor the jar's owner. (The installed layout's
 * {@code /var/cache} archive: DebPackageIT.)
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LauncherArchiveIT {
  static Path work;
  static Path launcher;
  static Path target;
  static Path jar;
  static Path jsa;
  static Path practiceJsa;

  @BeforeAll
  static void checkout() throws Exception {
    Path built = Path.of(System.getProperty("hh.jar", "target/hermes-harden.jar"));
    Path list = built.resolveSibling("hermes-harden.classlist");
    Assumptions.assumeTrue(Files.isRegularFile(list), "no class list (built without test classes)");
    work = Files.createTempDirectory("hh-launcher-it");
    launcher = work.resolve("hermes-harden");
    Files.copy(Path.of("hermes-harden"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    target = Files.createDirectory(work.resolve("target"));
    jar = Files.copy(built, target.resolve("hermes-harden.jar"));
    jsa = target.resolve("hermes-harden.jsa");
    Result dump =
        DebPackageIT.run(
            List.of(launcher.toString(), "--dump-archive", list.toString(), jsa.toString()));
    assertEquals(0, dump.code(), dump.out());
    practiceJsa = target.resolve("hermes-harden-practice.jsa");
    Path practiceList = built.resolveSibling("hermes-harden-practice.classlist");
    Result practiceDump =
        DebPackageIT.run(
            List.of(
                launcher.toString(),
                "--dump-archive",
                practiceList.toString(),
                practiceJsa.toString()));
    assertEquals(0, practiceDump.code(), practiceDump.out());
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (work != null) {
      DebPackageIT.run(List.of("rm", "-rf", "--", work.toString()));
    }
  }

  /** Each test starts from the archive as the build leaves it: newer than the jar, read-only. */
  @BeforeEach
  void asBuilt() throws Exception {
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path a : List.of(jsa, practiceJsa)) {
      Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("r--r--r--"));
      Files.setLastModifiedTime(
          a, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    }
  }

  @Test
  void aPracticeRunMapsThePracticeArchiveAnyOtherRunTheRealOne() throws Exception {
    String practice = mapped("--practice", "--state-dir", work.resolve("s").toString());
    assertTrue(practice.contains("Static archive name: " + practiceJsa), practice);
    String real = mapped("audit", "--json");
    assertTrue(real.contains("Static archive name: " + jsa), real);
    assertFalse(real.contains(practiceJsa.toString()), real);
  }

  @Test
  void theBuildsArchiveMapsWhileItIsNewerThanTheJar() throws Exception {
    String out = mapped();
    assertTrue(out.contains("Static archive name: " + jsa), out);
    assertTrue(out.contains("archive is valid"), out);
  }

  @Test
  void anArchiveOlderThanTheJarIsNotUsed() throws Exception {
    Files.setLastModifiedTime(
        jsa, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
    assertJdksOwn(mapped());
  }

  @Test
  void anArchiveOthersCouldWriteIsNotUsed() throws Exception {
    Files.setPosixFilePermissions(jsa, PosixFilePermissions.fromString("rw-rw-r--"));
    assertJdksOwn(mapped());
  }

  @Test
  void anArchiveInADirectoryOthersCouldWriteIsNotUsed() throws Exception {
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertJdksOwn(mapped());
  }

  @Test
  void anArchiveOwnedByAnotherAccountIsNotUsed() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "only root can give the file away");
    int owner = (int) Files.getAttribute(jsa, "unix:uid");
    Files.setAttribute(jsa, "unix:uid", 65534); // nobody: as hermes would own it
    try {
      assertJdksOwn(mapped());
    } finally {
      Files.setAttribute(jsa, "unix:uid", owner);
    }
  }

  @Test
  void withoutAnArchiveNothingIsRecorded() throws Exception {
    Path away = work.resolve("away.jsa");
    Files.move(jsa, away);
    try {
      assertJdksOwn(mapped());
      Result version = DebPackageIT.run(List.of(launcher.toString(), "--version"));
      assertEquals(0, version.code(), version.out());
      try (var files = Files.list(target)) {
        assertEquals(
            List.of("hermes-harden-practice.jsa", "hermes-harden.jar"),
            files.map(p -> p.getFileName().toString()).sorted().toList(),
            "a run left a file beside the jar (a dynamic archive?)");
      }
    } finally {
      Files.move(away, jsa);
    }
  }

  @Test
  void theJvmFlagsArePrintedOneALine() throws Exception {
    Result r = DebPackageIT.run(List.of(launcher.toString(), "--jvm-flags"));
    assertEquals(0, r.code(), r.out());
    List<String> flags = r.out().strip().lines().toList();
    assertTrue(flags.contains("-XX:+UseSerialGC"), r.out());
    assertTrue(flags.stream().allMatch(f -> f.startsWith("-")), r.out());
    assertFalse(r.out().contains("Xshare"), "the run and the dump each add their own: " + r.out());
  }

  /** What the launcher's JVM would map, as the JVM reports it. */
  private static String mapped(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>();
    argv.addAll(
        List.of("env", "JAVA_TOOL_OPTIONS=-XX:+PrintSharedArchiveAndExit", launcher.toString()));
    argv.addAll(args.length == 0 ? List.of("--version") : List.of(args));
    Result r = DebPackageIT.run(argv);
    assertEquals(0, r.code(), r.out());
    return r.out();
  }

  private static void assertJdksOwn(String out) {
    assertFalse(out.contains("Static archive name: " + jsa), out);
    assertTrue(out.contains("/lib/server/classes.jsa"), "the JDK's own archive:\n" + out);
  }
}
