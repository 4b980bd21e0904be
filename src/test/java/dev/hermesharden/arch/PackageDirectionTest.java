package dev.hermesharden.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the packages pointing one way (style.md §1): cli → tui/plain → engine → steps →
 * checks/fixes → system → host/model. Only tui imports Lanterna; only host starts processes and
 * opens SSH connections.
 */
class PackageDirectionTest {
  private static final Path SRC = Path.of("src/main/java/dev/hermesharden");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.hermesharden\\.([a-z0-9]+)", Pattern.MULTILINE);

  /** Which of our top-level packages each package may import (besides itself). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("host", Set.of()),
          Map.entry("model", Set.of()),
          Map.entry("i18n", Set.of("checks")),
          Map.entry("system", Set.of("host", "model")),
          Map.entry("checks", Set.of("system", "host", "model")),
          Map.entry("fixes", Set.of("checks", "system", "host", "model")),
          Map.entry("steps", Set.of("checks", "fixes", "system", "host", "model", "i18n")),
          Map.entry("practice", Set.of("system", "host", "model")),
          Map.entry("proof", Set.of("system", "host", "model")),
          Map.entry(
              "engine", Set.of("steps", "checks", "fixes", "system", "host", "model", "i18n")),
          Map.entry(
              "report",
              Set.of("engine", "steps", "checks", "fixes", "system", "host", "model", "i18n")),
          Map.entry(
              "tui",
              Set.of(
                  "engine", "report", "steps", "checks", "fixes", "host", "model", "i18n",
                  "proof")),
          Map.entry(
              "plain",
              Set.of("engine", "report", "steps", "checks", "fixes", "host", "model", "i18n")));

  @Test
  void packagesPointOneWay() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      String pkg = topPackage(file);
      Set<String> allowed = ALLOWED.get(pkg);
      if (allowed == null) {
        continue; // cli may import everything
      }
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        String target = m.group(1);
        if (!target.equals(pkg) && !allowed.contains(target)) {
          violations.add(SRC.relativize(file) + " imports " + target);
        }
      }
    }
    assertEquals(List.of(), violations, "imports against the package direction");
  }

  @Test
  void onlyTuiImportsLanternaAndOnlyHostStartsProcesses() throws IOException {
    List<String> violations = new ArrayList<>();
    List<Path> files = javaFiles();
    assertTrue(files.size() > 10, "scanned too few files: " + files.size());
    for (Path file : files) {
      String text = Files.readString(file);
      String pkg = topPackage(file);
      if (!pkg.equals("tui") && text.contains("com.googlecode.lanterna")) {
        violations.add(SRC.relativize(file) + " uses Lanterna");
      }
      if (!pkg.equals("host")
          && (text.contains("ProcessBuilder") || text.contains("Runtime.getRuntime().exec"))) {
        violations.add(SRC.relativize(file) + " starts a process");
      }
      if (!pkg.equals("host")
          && text.matches("(?s).*import (?:net\\.schmizz|com\\.hierynomus).*")) {
        violations.add(SRC.relativize(file) + " uses sshj");
      }
      // RemoteCommandLine is the one exception: over SSH the server's login shell runs every
      // command, and sudo's password skip needs a fixed root sh script; every value is a quoted
      // positional parameter (PosixCommandLineTest, RemoteCommandLineTest)
      if (text.matches("(?s).*\"(?:/bin/)?(?:ba)?sh\",\\s*\"-c\".*")
          && !file.endsWith("host/RemoteCommandLine.java")) {
        violations.add(SRC.relativize(file) + " builds a shell command line");
      }
    }
    assertEquals(List.of(), violations);
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> s = Files.walk(SRC)) {
      return s.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  private static String topPackage(Path file) {
    return SRC.relativize(file).getName(0).toString();
  }
}
