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
 * --practice}, its man page and its completion.
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
            "./usr/share/man/man1/hermes-harden.1.gz",
            "./usr/share/man/man1/hermes-harden-audit.1.gz",
            "./usr/share/bash-completion/completions/hermes-harden",
            "./usr/lib/systemd/system/hermes-harden-review.service",
            "./usr/lib/systemd/system/hermes-harden-review.timer",
            "./usr/share/doc/hermes-harden/copyright")) {
      assertTrue(listing.contains(path), path + " missing:\n" + listing);
    }
    assertFalse(listing.contains("./etc/"), "no conffiles, nothing enabled:\n" + listing);
  }

  @Test
  @Order(3)
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
  @Order(4)
  void installedIntoAThrowAwayRootItRuns() throws Exception {
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.writeString(root.resolve("var/lib/dpkg/status"), "");
    // --force-depends: the throw-away root has no Java package; this machine's java runs it
    Result i =
        run(
            List.of(
                "dpkg",
                "--root=" + root,
                "--force-depends",
                "--log=/dev/null",
                "-i",
                deb.toString()));
    assertEquals(0, i.code(), i.out());
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
  @Order(5)
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

  private static Result installed(Path bin, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("env", "XDG_CACHE_HOME=" + work.resolve("cache")));
    argv.add(bin.toString());
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
