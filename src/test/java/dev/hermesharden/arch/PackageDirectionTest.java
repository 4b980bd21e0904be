package dev.hermesharden.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the packages pointing one way (style.md §1): cli → tui/plain → engine → steps →
 * checks/fixes → system → host/model, whether a class is imported or named in full. Only tui
 * imports Lanterna; only host starts processes, opens SSH connections and writes files; no two
 * packages need each other.
 */
class PackageDirectionTest {
  private static final Path SRC = Path.of("src/main/java/dev/hermesharden");

  /** A reference to one of our packages: an import, or a fully qualified name in the code. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\bdev\\.hermesharden\\.([a-z0-9]+)((?:\\.[a-z0-9]+)*)\\.[A-Z]");

  /**
   * Java file writes: only {@code host} writes files (docs/threat-model.md), so every write goes
   * through its one atomic, link-safe implementation.
   */
  private static final Pattern FILE_WRITE =
      Pattern.compile(
          "\\bFiles\\s*\\.\\s*(?:write|writeString|newOutputStream|newBufferedWriter|newByteChannel"
              + "|move|copy|createFile|createTempFile|createDirector(?:y|ies)|createTempDirectory"
              + "|createLink|createSymbolicLink|delete|deleteIfExists|setPosixFilePermissions"
              + "|setOwner|setAttribute|setLastModifiedTime)\\s*\\("
              + "|\\bFileChannel\\s*\\.\\s*open\\s*\\("
              + "|\\bnew\\s+(?:FileOutputStream|FileWriter|RandomAccessFile)\\s*\\("
              + "|\\bnew\\s+Print(?:Writer|Stream)\\s*\\(\\s*(?:new\\s+File|[a-zA-Z_.]*(?:path|file)\\b)"
              + "|\\.\\s*writeValue\\s*\\("
              + "|\\.toFile\\(\\)\\s*\\.\\s*(?:delete|createNewFile|mkdirs?|renameTo|setWritable)\\s*\\(");

  /** Which of our top-level packages each package may import (besides itself). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("host", Set.of()),
          Map.entry("model", Set.of()),
          // host: its one way of showing a host's text (control characters written out)
          Map.entry("i18n", Set.of("checks", "host")),
          Map.entry("system", Set.of("host", "model")),
          Map.entry("checks", Set.of("system", "host", "model")),
          Map.entry("fixes", Set.of("checks", "system", "host", "model")),
          Map.entry("steps", Set.of("checks", "fixes", "system", "host", "model", "i18n")),
          // the practice run mode: a host, a proof channel and a revert launcher for the engine
          Map.entry(
              "practice", Set.of("engine", "proof", "checks", "fixes", "system", "host", "model")),
          Map.entry("proof", Set.of("system", "host", "model")),
          Map.entry(
              "engine", Set.of("steps", "checks", "fixes", "system", "host", "model", "i18n")),
          Map.entry(
              "report",
              Set.of("engine", "steps", "checks", "fixes", "system", "host", "model", "i18n")),
          // engine values in words, shared by the two wizards
          Map.entry("words", Set.of("engine", "steps", "checks", "fixes", "host", "model", "i18n")),
          Map.entry(
              "tui",
              Set.of(
                  "engine", "report", "steps", "checks", "fixes", "host", "model", "i18n",
                  "words")),
          Map.entry(
              "plain",
              Set.of(
                  "engine", "report", "steps", "checks", "fixes", "host", "model", "i18n",
                  "words")));

  @Test
  void packagesPointOneWay() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      String pkg = topPackage(file);
      Set<String> allowed = ALLOWED.get(pkg);
      if (allowed == null) {
        continue; // cli may import everything
      }
      Matcher m = REFERENCE.matcher(code(file));
      while (m.find()) {
        String target = m.group(1);
        if (!target.equals(pkg) && !allowed.contains(target)) {
          violations.add(SRC.relativize(file) + " uses " + target + " (" + m.group() + ")");
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

  @Test
  void onlyHostWritesFiles() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      if (topPackage(file).equals("host")) {
        continue;
      }
      Matcher m = FILE_WRITE.matcher(code(file));
      while (m.find()) {
        violations.add(SRC.relativize(file) + ": " + m.group());
      }
    }
    assertEquals(List.of(), violations, "file writes outside host (use LocalHost/Host)");
  }

  /** The scan must see what it forbids, however it is spelled. */
  @Test
  void theScansCatchQualifiedNamesAndWrites() {
    Matcher fqn =
        REFERENCE.matcher("x = new dev.hermesharden.cli.Setup(); dev.hermesharden.tui.Wrap.lines(");
    assertTrue(fqn.find() && fqn.group(1).equals("cli"), "a fully qualified class");
    assertTrue(fqn.find() && fqn.group(1).equals("tui"), "a qualified static call");
    for (String write :
        List.of(
            "java.nio.file.Files.writeString(p, s)",
            "Files.move(a, b)",
            "Files .createTempFile(dir, \"x\", \".tmp\")",
            "FileChannel.open(p, WRITE)",
            "new FileOutputStream(f)",
            "new PrintWriter(new File(name))",
            "JSON.writeValue(path.toFile(), x)",
            "p.toFile().delete()")) {
      assertTrue(FILE_WRITE.matcher(write).find(), write);
    }
    assertFalse(FILE_WRITE.matcher("Files.readString(p); mapper.writeValueAsString(x)").find());
  }

  /**
   * No two packages need each other, counting sub-packages as packages of their own (the step
   * catalog finds its modules through ServiceLoader instead of naming them).
   */
  @Test
  void noPackageCycles() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (Path file : javaFiles()) {
      String pkg = fullPackage(file);
      Matcher m = REFERENCE.matcher(code(file));
      while (m.find()) {
        String target = m.group(1) + m.group(2);
        if (!target.equals(pkg)) {
          uses.computeIfAbsent(pkg, k -> new TreeSet<>()).add(target);
        }
      }
    }
    List<String> cycles = new ArrayList<>();
    for (String a : uses.keySet()) {
      for (String b : uses.get(a)) {
        if (a.compareTo(b) < 0 && reaches(uses, b, a)) {
          cycles.add(a + " <-> " + b);
        }
      }
    }
    // One layer in two packages: SshHost sits in host beside LocalHost (it shares their
    // package-private file and stream machinery) and drives the protocol parts in host.ssh, which
    // answer in host's ExecResult and HostException. Nothing outside host sees the difference.
    cycles.remove("host <-> host.ssh");
    assertEquals(List.of(), cycles, "packages that need each other");
  }

  private static boolean reaches(Map<String, Set<String>> uses, String from, String to) {
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String p = todo.pop();
      if (p.equals(to)) {
        return true;
      }
      if (seen.add(p)) {
        todo.addAll(uses.getOrDefault(p, Set.of()));
      }
    }
    return false;
  }

  /** The file without its package line (imports and code stay: both are references). */
  private static String code(Path file) throws IOException {
    return Files.readString(file).replaceFirst("(?m)^package [^;]+;", "");
  }

  private static String fullPackage(Path file) {
    Path rel = SRC.relativize(file).getParent();
    return rel.toString().replace('/', '.');
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
