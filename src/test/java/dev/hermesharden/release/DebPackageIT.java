package dev.hermesharden.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.cli.ReleaseDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The release build, end to end, without touching this machine's system: the man pages and the
 * completion generated from the command model, the {@code .deb} built from the real jar
 * (src/deb/build-deb.sh), inspected, linted, installed into a throw-away root ({@code dpkg
 * --root}), and the installed copy run: {@code --version}, {@code --help}, {@code audit
 * --practice}, its man page and its completion. The postinst's class-data archive is made in the
 * throw-away root ({@code --force-script-chrootless}: dpkg then runs the maintainer scripts with
 * {@code DPKG_ROOT} set to the root, which they prefix to every path) and must map into a JVM
 * started with the launcher's flags; the postrm removes it.
 *
 * <p>Needs asciidoctor, dpkg-deb, dpkg, lintian and man: skipped with one line without them, unless
 * {@code HH_SANDBOX=required} (CI), which fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DebPackageIT {
  /** lintian tags we expect and explain in docs/packaging.md; any other tag fails the build. */
  static final List<String> EXPLAINED = List.of("unknown-java-class-version");

  static final String VERSION = System.getProperty("hh.version", "0.1.0");
  static Path work;
  static Path deb;
  static Path root;

  @BeforeAll
  static void build() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("asciidoctor", "dpkg-deb", "dpkg", "lintian", "man")) {
      if (run(List.of("sh", "-c", "command -v " + tool)).code() != 0) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      String why = "package test needs " + String.join(", ", missing);
      if ("required".equals(System.getenv("HH_SANDBOX"))) {
        throw new IllegalStateException(why + " (HH_SANDBOX=required)");
      }
      Assumptions.abort(why);
    }
    work = Files.createTempDirectory("hh-deb-it");
    Path docs = work.resolve("docs");
    ReleaseDocs.generate(docs);
    Result b =
        run(
            List.of(
                "bash",
                "src/deb/build-deb.sh",
                System.getProperty("hh.jar", "target/hermes-harden.jar"),
                VERSION,
                docs.toString(),
                work.resolve("out").toString()));
    assertEquals(0, b.code(), b.out());
    deb = Path.of(b.out().strip().lines().reduce((a, c) -> c).orElseThrow());
    root = work.resolve("root");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (work != null) {
      run(List.of("rm", "-rf", "--", work.toString()));
    }
  }

  @Test
  @Order(1)
  void theControlFileSaysArchitectureAllAndAJava17Runtime() throws Exception {
    Map<String, String> fields = new HashMap<>();
    for (String line : run(List.of("dpkg-deb", "--field", deb.toString())).out().split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith(" ")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    assertEquals("hermes-harden", fields.get("Package"));
    assertEquals(VERSION, fields.get("Version"));
    assertEquals("all", fields.get("Architecture"));
    assertTrue(fields.get("Depends").contains("java17-runtime-headless"), fields.toString());
    String sums = Files.readString(deb.resolveSibling("SHA256SUMS"));
    assertTrue(sums.contains(deb.getFileName().toString()), sums);
    assertEquals(0, run(List.of("sha256sum", "-c", "SHA256SUMS"), deb.getParent()).code());
  }

  @Test
  @Order(2)
  void itHoldsTheLauncherJarManPagesCompletionAndTheReviewUnits() throws Exception {
    String listing = run(List.of("dpkg-deb", "--contents", deb.toString())).out();
    for (String path :
        List.of(
            "./usr/bin/hermes-harden",
            "./usr/share/hermes-harden/hermes-harden.jar",
            "./usr/share/hermes-harden/hermes-harden.classlist",
            "./usr/share/hermes-harden/hermes-harden-practice.classlist",
            "./usr/share/man/man1/hermes-harden.1.gz",
            "./usr/share/man/man1/hermes-harden-audit.1.gz",
            "./usr/share/bash-completion/completions/hermes-harden",
            "./usr/lib/systemd/system/hermes-harden-review.service",
            "./usr/lib/systemd/system/hermes-harden-review.timer",
            "./usr/share/doc/hermes-harden/copyright")) {
      assertTrue(listing.contains(path), path + " missing:\n" + listing);
    }
    assertFalse(listing.contains("./etc/"), "no conffiles, nothing enabled:\n" + listing);
    assertFalse(listing.contains("./var/"), "the archive is made by the postinst:\n" + listing);
  }

  @Test
  @Order(3)
  void itsMaintainerScriptsAreExecutableAndWatchTheJavaRuntimes() throws Exception {
    Path control = work.resolve("control");
    Result e = run(List.of("dpkg-deb", "--control", deb.toString(), control.toString()));
    assertEquals(0, e.code(), e.out());
    for (String script : List.of("postinst", "postrm")) {
      assertTrue(Files.isExecutable(control.resolve(script)), script + " is not executable");
      assertTrue(Files.readString(control.resolve(script)).startsWith("#!/bin/sh\n"), script);
    }
    assertEquals(
        "interest-noawait /usr/lib/jvm", Files.readString(control.resolve("triggers")).strip());
  }

  @Test
  @Order(4)
  void lintianFindsOnlyWhatDocsPackagingExplains() throws Exception {
    Result r = run(List.of("lintian", "--tag-display-limit", "0", deb.toString()));
    List<String> tags =
        r.out()
            .lines()
            .filter(l -> l.matches("[EWIPX]: hermes-harden.*"))
            .filter(l -> EXPLAINED.stream().noneMatch(l::contains))
            .toList();
    assertEquals(List.of(), tags, r.out());
  }

  @Test
  @Order(5)
  void installedIntoAThrowAwayRootItRuns() throws Exception {
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.writeString(root.resolve("var/lib/dpkg/status"), "");
    boolean hostCache = Files.exists(HOST_CACHE);
    // --force-depends: the throw-away root has no Java package; this machine's java runs it.
    // --force-script-chrootless: the root has no shell to chroot into; the scripts act on
    // $DPKG_ROOT (the root), and the postinst dumps the archive with this machine's java.
    Result i = dpkg("--force-depends", "-i", deb.toString());
    assertEquals(0, i.code(), i.out());
    assertEquals(hostCache, Files.exists(HOST_CACHE), "this machine's /var/cache was touched");
    Path bin = root.resolve("usr/bin/hermes-harden");
    assertTrue(Files.isExecutable(bin));
    assertTrue(
        Files.readString(root.resolve("var/lib/dpkg/status")).contains("Status: install ok"));

    Result version = installed(bin, "--version");
    assertEquals(0, version.code(), version.out());
    assertEquals("hermes-harden " + VERSION, version.out().strip());
    Result help = installed(bin, "--help");
    assertEquals(0, help.code(), help.out());
    assertTrue(help.out().contains("audit"), help.out());
    Result audit =
        installed(bin, "audit", "--practice", "--state-dir", work.resolve("state").toString());
    assertEquals(3, audit.code(), "the fresh practice VPS has findings:\n" + audit.out());
    assertTrue(audit.out().contains("users.admin-sudo"), audit.out());
  }

  @Test
  @Order(6)
  void theInstalledManPageRendersWithoutWarningsAndTheCompletionLoads() throws Exception {
    Path page = root.resolve("usr/share/man/man1/hermes-harden.1.gz");
    Result man = run(List.of("env", "MANWIDTH=80", "man", "--warnings", "-l", page.toString()));
    assertEquals(0, man.code(), man.out());
    assertTrue(man.out().contains("harden a VPS that runs Hermes Agent"), man.out());
    assertTrue(man.out().contains("audit"), man.out());
    assertFalse(man.out().contains("warning"), man.out());
    Path completion = root.resolve("usr/share/bash-completion/completions/hermes-harden");
    Result c =
        run(
            List.of(
                "bash",
                "-c",
                "source \"$1\" && complete -p hermes-harden",
                "bash",
                completion.toString()));
    assertEquals(0, c.code(), c.out());
    assertTrue(c.out().contains("hermes-harden"), c.out());
  }

  @Test
  @Order(7)
  void thePostinstsArchivesAreRootsOwnAndMapWithTheLaunchersFlags() throws Exception {
    Path cache = root.resolve("var/cache/hermes-harden");
    assertEquals("rwxr-xr-x", perms(cache));
    assertEquals(
        List.of("hermes-harden-practice.jsa", "hermes-harden.jsa"),
        list(cache).stream().map(Path::toString).sorted().toList(),
        "the real and the practice archive, no temporary file left");
    for (String name : List.of("hermes-harden.jsa", "hermes-harden-practice.jsa")) {
      Path jsa = cache.resolve(name);
      assertEquals("rw-r--r--", perms(jsa), name);
      assertEquals(0, (int) Files.getAttribute(jsa, "unix:uid"), name + " owned by root");
      // -Xshare:on fails when the archive does not map (wrong flags, wrong jar, wrong JVM)
      Result mapped = withArchive(jsa, "-Xshare:on");
      assertEquals(0, mapped.code(), mapped.out());
      assertEquals("hermes-harden " + VERSION, mapped.out().strip());
    }
    Files.writeString(work.resolve("other.jsa"), "not an archive");
    Result refused = withArchive(work.resolve("other.jsa"), "-Xshare:on");
    assertTrue(refused.code() != 0, "the check can fail: a file that is no archive does not map");
  }

  @Test
  @Order(8)
  void aFailedDumpDoesNotFailTheInstallItSaysSoInOneLine() throws Exception {
    Path list = root.resolve("usr/share/hermes-harden/hermes-harden.classlist");
    Path away = work.resolve("classlist.away");
    Files.move(list, away);
    try {
      Result r = postinst();
      assertEquals(0, r.code(), r.out());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains("class-data archive"), r.err());
      assertEquals(
          List.of(Path.of("hermes-harden-practice.jsa")),
          list(root.resolve("var/cache/hermes-harden")),
          "no stale archive; the practice one, whose list is there, is made");
    } finally {
      Files.move(away, list);
    }
    Result again = postinst();
    assertEquals(0, again.code(), again.out());
    assertEquals("", again.err(), "a dump that works says nothing");
    assertTrue(Files.isRegularFile(root.resolve("var/cache/hermes-harden/hermes-harden.jsa")));
  }

  @Test
  @Order(9)
  void purgingRemovesTheArchive() throws Exception {
    Result p = dpkg("--purge", "hermes-harden");
    assertEquals(0, p.code(), p.out());
    assertFalse(Files.exists(root.resolve("var/cache/hermes-harden")), "the cache is left");
    assertFalse(Files.exists(root.resolve("usr/bin/hermes-harden")));
  }

  static final Path HOST_CACHE = Path.of("/var/cache/hermes-harden");

  private static Result dpkg(String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of("dpkg", "--root=" + root, "--force-script-chrootless", "--log=/dev/null"));
    argv.addAll(List.of(args));
    return run(argv);
  }

  /** The installed postinst, run again as dpkg runs it for the throw-away root. */
  private static Result postinst() throws Exception {
    return run(
        List.of(
            "env",
            "DPKG_ROOT=" + root,
            "sh",
            root.resolve("var/lib/dpkg/info/hermes-harden.postinst").toString(),
            "configure",
            VERSION));
  }

  /** The installed jar's --version in a JVM with the launcher's own flags and the archive. */
  private static Result withArchive(Path jsa, String share) throws Exception {
    Path bin = root.resolve("usr/bin/hermes-harden");
    // the launcher's java: JAVA_HOME's, else the one on PATH
    String home = System.getenv("JAVA_HOME");
    List<String> argv =
        new ArrayList<>(List.of(home == null || home.isEmpty() ? "java" : home + "/bin/java"));
    argv.addAll(installed(bin, "--jvm-flags").out().strip().lines().toList());
    argv.addAll(List.of(share, "-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off", "-jar"));
    argv.add(root.resolve("usr/share/hermes-harden/hermes-harden.jar").toString());
    argv.add("--version");
    return run(argv);
  }

  private static String perms(Path p) throws IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(Path::getFileName).toList();
    }
  }

  private static Result installed(Path bin, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(bin.toString()));
    argv.addAll(List.of(args));
    return run(argv);
  }

  record Result(int code, String out, String err) {}

  static Result run(List<String> argv) throws IOException, InterruptedException {
    return run(argv, Path.of("."));
  }

  static Result run(List<String> argv, Path dir) throws IOException, InterruptedException {
    Path err = Files.createTempFile("hh-it", ".err");
    try {
      Process p =
          new ProcessBuilder(argv)
              .directory(dir.toFile())
              .redirectErrorStream(false)
              .redirectError(err.toFile())
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(4, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
      String e = Files.readString(err);
      return new Result(p.exitValue(), out + e, e);
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
