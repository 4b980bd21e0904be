package dev.hermesharden.practice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The practice VPS's account database: the real {@code /etc/passwd}, {@code /etc/group} and {@code
 * /etc/shadow} files in the {@link SimFs}, read and edited line by line as shadow-utils would.
 * Package-private helper of {@link SimUsers}.
 */
final class SimUserDb {
  static final String PASSWD = "/etc/passwd";
  static final String GROUP = "/etc/group";
  static final String SHADOW = "/etc/shadow";

  /** 2024-11-20 in days since the epoch, the day the VPS was provisioned. */
  static final int PROVISIONED_DAY = 20047;

  static final String ADMIN_KEY =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCqUTyWmnv/Wsv+nAUNCYi+IWHqWjXzzG9t/7beKR+AneTQ4HkzqkyG0Hnn/yKFIHDGBwmm9NBrKTBL1d2vWdGNhKp2ceKP1LaDgk9KYBzHJZZ8tsv3saaBKbeSr3KTXOJ5JiaUCqHKvO5b3MtDnkIujs+ynDlQiGQ9StcnjQ0tFFl04jiS9bJB6OEPyfJSStSzDyRrMiJ8agapdww7Pc5m2Tr6t2bR47jyiCtw1kFnyq8LW0CwyunGAJiLW/SqL+S5/hDxiBKCzoU6LpjYCld31jHVr0+YXitsg1LXXzFuTzZcUVEKX7gJoG5Qr93zi2XQFj+qjR1Fx53pzD2woZc7 admin@laptop";
  static final String ROOT_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHPvXmbkvvd189hvKMfe6FawvDSJJqR0zHH/jQWd0FG6 root@provider";

  private final SimFs fs;

  SimUserDb(SimFs fs) {
    this.fs = fs;
  }

  /** The colon-separated fields of the line for a name (or, for passwd/group, a numeric id). */
  Optional<String[]> find(String file, String key) {
    for (String line : lines(file)) {
      String[] f = line.split(":", -1);
      if (f[0].equals(key) || (!file.equals(SHADOW) && f.length > 2 && f[2].equals(key))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  List<String> lines(String file) {
    return fs.read(file).orElse("").lines().filter(l -> !l.isBlank()).toList();
  }

  void append(String file, String line) {
    String t = fs.read(file).orElse("");
    fs.write(file, t + (t.isEmpty() || t.endsWith("\n") ? "" : "\n") + line + "\n");
  }

  /** Replaces the line whose first field is {@code name}. */
  void replace(String file, String name, String[] fields) {
    List<String> out = new ArrayList<>();
    for (String line : lines(file)) {
      out.add(line.split(":", -1)[0].equals(name) ? String.join(":", fields) : line);
    }
    fs.write(file, String.join("\n", out) + "\n");
  }

  /** Supplementary groups listing the user, in file order. */
  List<String> memberOf(String user) {
    List<String> out = new ArrayList<>();
    for (String line : lines(GROUP)) {
      String[] f = line.split(":", -1);
      if (f.length == 4 && List.of(f[3].split(",")).contains(user)) {
        out.add(f[0]);
      }
    }
    return out;
  }

  void setMembers(String group, List<String> members) {
    String[] g = find(GROUP, group).orElseThrow();
    g[3] = String.join(",", members);
    replace(GROUP, group, g);
  }

  /** The next free id at or above {@code from} in passwd and group. */
  int nextId(int from) {
    int id = from;
    while (find(PASSWD, String.valueOf(id)).isPresent()
        || find(GROUP, String.valueOf(id)).isPresent()) {
      id++;
    }
    return id;
  }
}
