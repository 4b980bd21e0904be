package dev.hermesharden.checks.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a systemd service unit runs, and as whom (systemd.service(5), systemd.exec(5)): the {@code
 * [Service]} section's {@code Exec*=} command lines and {@code EnvironmentFile=}, and the account
 * from {@code User=} (the last one written wins; none, {@code root} or {@code 0} is root; {@code
 * DynamicUser=yes} makes an account of its own). A command line whose prefixes hold {@code +} runs
 * with full privileges whatever {@code User=} says. An environment file is read by systemd for the
 * service's process: {@code LD_PRELOAD} in it is code in that process.
 *
 * <p>The main unit file comes first, then its drop-ins in their order; their lines are read as one
 * unit, as systemd merges them. A line that ends in {@code \} goes on on the next.
 */
final class ServiceUnits {
  private ServiceUnits() {}

  /** The commands a service may run, from every {@code Exec*=} key systemd knows. */
  private static final List<String> EXEC =
      List.of(
          "ExecStart",
          "ExecStartPre",
          "ExecStartPost",
          "ExecCondition",
          "ExecReload",
          "ExecStop",
          "ExecStopPost");

  /** One file of a unit: its path and its text. */
  record Part(String path, String text) {}

  /** A path the unit runs or reads, where it is written, and as whom it runs. */
  record Use(String file, int line, String runAs, String path) {}

  /** One {@code key=value} of the {@code [Service]} section, with where it is written. */
  private record Setting(String file, int line, String key, String value) {}

  /**
   * The paths the unit runs as an account: every absolute path of its command lines, and its
   * environment files where the service runs as root.
   */
  static List<Use> uses(List<Part> parts) {
    List<Setting> settings = new ArrayList<>();
    for (Part p : parts) {
      settings.addAll(service(p));
    }
    String user = "root";
    boolean dynamic = false;
    for (Setting s : settings) {
      if (s.key().equals("User")) {
        user = s.value().isEmpty() || s.value().equals("0") ? "root" : s.value();
      } else if (s.key().equals("DynamicUser")) {
        dynamic = List.of("yes", "true", "on", "1").contains(s.value().toLowerCase(Locale.ROOT));
      }
    }
    String runAs = dynamic && !user.equals("root") ? user : dynamic ? "dynamic" : user;
    List<Use> out = new ArrayList<>();
    for (Setting s : settings) {
      if (EXEC.contains(s.key())) {
        String prefixes = s.value().replaceFirst("^([-@:+!|]*).*$", "$1");
        String who = prefixes.contains("+") ? "root" : runAs;
        for (String path : CronEntries.paths(s.value().substring(prefixes.length()))) {
          if (path.startsWith("/")) {
            out.add(new Use(s.file(), s.line(), who, path));
          }
        }
      } else if (s.key().equals("EnvironmentFile") && runAs.equals("root")) {
        String path = s.value().startsWith("-") ? s.value().substring(1) : s.value();
        if (path.startsWith("/")) {
          out.add(new Use(s.file(), s.line(), "root", path));
        }
      }
    }
    return out;
  }

  /** The {@code [Service]} settings of one file, continuation lines joined. */
  private static List<Setting> service(Part part) {
    List<Setting> out = new ArrayList<>();
    String[] lines = part.text().split("\n", -1);
    boolean inService = false;
    for (int i = 0; i < lines.length; i++) {
      int first = i;
      StringBuilder line = new StringBuilder(lines[i].strip());
      while (line.toString().endsWith("\\") && i + 1 < lines.length) {
        line.setLength(line.length() - 1);
        line.append(' ').append(lines[++i].strip());
      }
      String l = line.toString().strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
        continue;
      }
      if (l.startsWith("[")) {
        inService = l.equals("[Service]");
        continue;
      }
      int eq = l.indexOf('=');
      if (inService && eq > 0) {
        out.add(
            new Setting(
                part.path(), first + 1, l.substring(0, eq).strip(), l.substring(eq + 1).strip()));
      }
    }
    return out;
  }
}
