package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * dpkg on the practice VPS: {@code /var/lib/dpkg/status} (the real format) seeded from the data
 * file {@code practice/packages.txt}, which also names each package's service and its state.
 * Answers {@code dpkg-query -W [-f=${Status}] PACKAGE} for packages no specific component claimed
 * first, so a step whose checks use the {@code package-installed} and {@code unit-active} kinds
 * needs only lines in that file.
 */
final class SimPackages implements SimComponent {
  static final String STATUS = "/var/lib/dpkg/status";
  static final String DATA = "practice/packages.txt";

  /** One line of the data file. */
  record Entry(
      String name, String version, Optional<String> unit, boolean enabled, boolean active) {}

  static List<Entry> data() {
    try (InputStream in = SimPackages.class.getClassLoader().getResourceAsStream(DATA)) {
      if (in == null) {
        throw new IllegalStateException("no " + DATA + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(SimPackages::entry)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Entry entry(String line) {
    String[] f = line.split("\\s+");
    if (f.length != 2 && f.length != 5) {
      throw new IllegalStateException(DATA + ": expected 2 or 5 fields: " + line);
    }
    return f.length == 2
        ? new Entry(f[0], f[1], Optional.empty(), false, false)
        : new Entry(f[0], f[1], Optional.of(f[2]), f[3].equals("enabled"), f[4].equals("active"));
  }

  @Override
  public void seed(SimFs fs) {
    StringBuilder status = new StringBuilder(fs.read(STATUS).orElse(""));
    for (Entry e : data()) {
      status
          .append("Package: ")
          .append(e.name())
          .append("\nStatus: install ok installed\nVersion: ")
          .append(e.version())
          .append("\n\n");
      e.unit().ifPresent(u -> SimServices.set(fs, u, e.enabled(), e.active()));
    }
    fs.write(STATUS, status.toString());
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    if (!argv.get(0).equals("dpkg-query") || !argv.contains("-W")) {
      return Optional.empty();
    }
    String pkg = argv.get(argv.size() - 1);
    Optional<String[]> found = stanza(fs, pkg);
    if (found.isEmpty()) {
      return Optional.of(
          SimComponent.fail(argv, 1, "dpkg-query: no packages found matching " + pkg + "\n"));
    }
    boolean status = argv.stream().anyMatch(a -> a.contains("${Status}"));
    return Optional.of(
        SimComponent.ok(argv, status ? found.get()[0] : pkg + "\t" + found.get()[1] + "\n"));
  }

  /** The package's status and version from the status file, if it has a stanza. */
  private static Optional<String[]> stanza(SimFs fs, String pkg) {
    for (String block : fs.read(STATUS).orElse("").split("\n\n")) {
      String status = "";
      String version = "";
      boolean match = false;
      for (String l : block.split("\n")) {
        if (l.equals("Package: " + pkg)) {
          match = true;
        } else if (l.startsWith("Status: ")) {
          status = l.substring(8);
        } else if (l.startsWith("Version: ")) {
          version = l.substring(9);
        }
      }
      if (match) {
        return Optional.of(new String[] {status, version});
      }
    }
    return Optional.empty();
  }
}
