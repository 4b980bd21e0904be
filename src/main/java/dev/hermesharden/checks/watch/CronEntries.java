package dev.hermesharden.checks.watch;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a crontab: {@code m h dom mon dow [user] command} or {@code @daily [user]
 * command}; comments and {@code NAME=value} lines are skipped. System crontabs ({@code
 * /etc/crontab}, {@code /etc/cron.d}) name the user, a user's crontab does not.
 */
final class CronEntries {
  /** At most this many entries per file are judged (the file is at most 16 MiB already). */
  static final int MAX_ENTRIES = 500;

  private CronEntries() {}

  /** One entry: its line, who it runs as, and the absolute paths in its command. */
  record Entry(int line, String runAs, List<String> paths) {}

  static List<Entry> parse(String text, boolean system) {
    List<Entry> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length && out.size() < MAX_ENTRIES; i++) {
      String l = lines[i].strip();
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
      out.add(new Entry(i + 1, runAs, paths(f[need - 1])));
    }
    return out;
  }

  /** Absolute paths in a command, outside {@code /dev} ({@code >/dev/null} is no program). */
  static List<String> paths(String command) {
    List<String> out = new ArrayList<>();
    for (String w : command.split("[\\s;|&()<>'\"`=]+")) {
      if (w.startsWith("/") && !w.startsWith("/dev/") && !w.equals("/dev") && !out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }
}
