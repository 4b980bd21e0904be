package dev.hermesharden.checks.watch;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a crontab: {@code m h dom mon dow [user] command} or {@code @daily [user]
 * command}; comments and {@code NAME=value} lines are skipped, but a {@code SHELL=} line names the
 * program cron runs every later entry with ({@code SHELL -c COMMAND}, crontab(5)), so it is one of
 * their paths. System crontabs ({@code /etc/crontab}, {@code /etc/cron.d}) name the user, a user's
 * crontab does not.
 */
final class CronEntries {
  /** At most this many entries per file are judged (the file is at most 16 MiB already). */
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
    for (int i = 0; i < lines.length && out.size() < MAX_ENTRIES; i++) {
      String l = lines[i].strip();
      if (l.matches("SHELL\\s*=.*")) {
        shell = l.substring(l.indexOf('=') + 1).strip().replaceAll("^[\"']|[\"']$", "");
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
      out.add(new Entry(i + 1, runAs, paths));
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
