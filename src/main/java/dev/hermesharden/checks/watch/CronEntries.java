package dev.hermesharden.checks.watch;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a crontab: {@code m h dom mon dow [user] command} or {@code @daily [user]
 * command}; comments and {@code NAME=value} lines are skipped, but a {@code SHELL=} line names the
 * program cron runs every later entry with ({@code SHELL -c COMMAND}, crontab(5)), so it is one of
 * their paths, and a {@code PATH=} line names where that shell finds every program an entry names
 * without a path ({@code run-parts}, {@code backup}), so each of its directories is one of their
 * paths too (a relative one is the entry user's home, where cron starts the shell). Cron's own
 * default ({@code /usr/bin:/bin}) is root's. System crontabs ({@code /etc/crontab}, {@code
 * /etc/cron.d}) name the user, a user's crontab does not.
 */
final class CronEntries {
  /**
   * At most this many entries per file are judged (the file is at most 16 MiB already); {@link
   * #parse} returns one more when there are more, for the caller to report.
   */
  static final int MAX_ENTRIES = 500;

  private CronEntries() {}

  /**
   * One entry: its line, who it runs as, and the paths in its command: absolute ones and {@code ~}
   * ones (the shell expands {@code ~user/…}), and the {@code SHELL} in force.
   */
  record Entry(int line, String runAs, List<String> paths) {}

  static List<Entry> parse(String text, boolean system) {
    List<Entry> out = new ArrayList<>();
    String[] lines = text.split("\n");
    String shell = "";
    List<String> path = List.of();
    for (int i = 0; i < lines.length && out.size() <= MAX_ENTRIES; i++) {
      String l = lines[i].strip();
      if (l.matches("SHELL\\s*=.*")) {
        shell = value(l);
        continue;
      }
      if (l.matches("PATH\\s*=.*")) {
        path = searchPath(value(l));
        continue;
      }
      if (l.isEmpty() || l.startsWith("#") || l.matches("[A-Za-z_][A-Za-z0-9_]*\\s*=.*")) {
        continue;
      }
      String[] f = l.split("\\s+", l.startsWith("@") ? (system ? 3 : 2) : (system ? 7 : 6));
      int timeFields = l.startsWith("@") ? 1 : 5;
      int need = timeFields + (system ? 2 : 1);
      if (f.length < need) {
        continue;
      }
      String runAs = system ? f[timeFields] : "root";
      List<String> paths = new ArrayList<>(paths(f[need - 1]));
      if (!shell.isEmpty() && !paths.contains(shell)) {
        paths.add(0, shell);
      }
      path.stream().filter(d -> !paths.contains(d)).forEach(paths::add);
      out.add(new Entry(i + 1, runAs, paths));
    }
    return out;
  }

  /** The value of a {@code NAME=value} line, without surrounding quotes. */
  private static String value(String line) {
    return line.substring(line.indexOf('=') + 1).strip().replaceAll("^[\"']|[\"']$", "");
  }

  /**
   * A {@code PATH} value's directories as paths to judge: absolute ones as written, an empty or
   * relative one below {@code ~} (the shell's working directory is the entry user's home).
   */
  static List<String> searchPath(String value) {
    List<String> out = new ArrayList<>();
    for (String d : value.split(":", -1)) {
      String p = d.startsWith("/") ? d : d.isEmpty() || d.equals(".") ? "~" : "~/" + d;
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Absolute and {@code ~} paths in a command, outside {@code /dev} ({@code >/dev/null} is no
   * program).
   */
  static List<String> paths(String command) {
    List<String> out = new ArrayList<>();
    for (String w : command.split("[\\s;|&()<>'\"`=]+")) {
      boolean path =
          (w.startsWith("/") && !w.startsWith("/dev/") && !w.equals("/dev")) || w.startsWith("~");
      if (path && !out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }
}
