package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The base system of the practice VPS: os-release, host name, and the generic commands ({@code
 * stat}, {@code chmod}, {@code chown}, {@code install -d}, {@code mkdir}, {@code systemctl}). Asked
 * last, so specific components can claim a command first.
 */
final class SimCore implements SimComponent {
  static final String OS_RELEASE =
      """
      PRETTY_NAME="Ubuntu 24.04.1 LTS"
      NAME="Ubuntu"
      VERSION_ID="24.04"
      VERSION="24.04.1 LTS (Noble Numbat)"
      VERSION_CODENAME=noble
      ID=ubuntu
      ID_LIKE=debian
      HOME_URL="https://www.ubuntu.com/"
      SUPPORT_URL="https://help.ubuntu.com/"
      BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
      PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
      UBUNTU_CODENAME=noble
      LOGO=ubuntu-logo
      """;

  @Override
  public void seed(SimFs fs) {
    for (String d : List.of("/etc", "/home", "/root", "/var/lib", "/var/log", "/run", "/opt")) {
      fs.mkdirs(d);
    }
    fs.put("/root", SimFile.dir("root", "root", 0700));
    fs.write("/etc/os-release", OS_RELEASE);
    fs.write("/etc/hostname", "vps1\n");
    // what Debian and Ubuntu set (systemd's protect-links.conf): no hard links to others' files
    fs.write("/proc/sys/fs/protected_hardlinks", "1\n");
    fs.mkdirs(SimFs.SIM_DIR);
    fs.mkdirs("/run/systemd/system"); // systemd runs this VPS (what sd_booted() tests)
    fs.mkdirs("/etc/systemd/system");
    // the dynamic loader's configuration as libc-bin ships it (watch.loader-writable reads it)
    fs.write("/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n\n");
    fs.mkdirs("/etc/ld.so.conf.d");
    fs.write("/etc/ld.so.conf.d/libc.conf", "# libc default configuration\n/usr/local/lib\n");
    fs.write(
        "/etc/ld.so.conf.d/x86_64-linux-gnu.conf",
        "# Multiarch support\n/usr/local/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu\n"
            + "/usr/lib/x86_64-linux-gnu\n");
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    return switch (argv.get(0)) {
      case "stat" -> Optional.of(stat(argv, fs));
      case "ls" -> Optional.of(ls(argv, fs));
      case "chmod" -> Optional.of(chmod(argv, fs));
      case "chown" -> Optional.of(chown(argv, fs));
      case "install" -> Optional.of(install(argv, fs));
      case "mkdir" -> Optional.of(mkdir(argv, fs));
      case "systemctl" -> Optional.of(systemctl(argv, fs));
      case "hostname" -> Optional.of(ok(argv, fs.read("/etc/hostname").orElse("vps1\n")));
      case "true" -> Optional.of(ok(argv, ""));
      case "logger" -> Optional.of(logger(argv, fs));
      default -> Optional.empty();
    };
  }

  /**
   * {@code ls -ld -- PATH}: the long line of one entry, as PosixAcl asks it. The practice VPS has
   * no ACLs, so no mode ends in {@code +}.
   */
  private static ExecResult ls(List<String> argv, SimFs fs) {
    String p = argv.get(argv.size() - 1);
    if (!argv.equals(List.of("ls", "-ld", "--", p))) {
      return new ExecResult(argv, 2, "", "ls: the practice VPS knows only ls -ld -- PATH\n");
    }
    Optional<SimFile> f = fs.get(p);
    if (f.isEmpty()) {
      return new ExecResult(
          argv, 2, "", "ls: cannot access '" + p + "': No such file or directory\n");
    }
    StringBuilder mode = new StringBuilder(f.get().directory() ? "d" : "-");
    for (int shift = 6; shift >= 0; shift -= 3) {
      int bits = f.get().mode() >> shift;
      mode.append((bits & 4) != 0 ? 'r' : '-')
          .append((bits & 2) != 0 ? 'w' : '-')
          .append((bits & 1) != 0 ? 'x' : '-');
    }
    String line =
        String.join(
            " ",
            mode,
            "1",
            f.get().owner(),
            f.get().group(),
            String.valueOf(f.get().content().length()),
            "Dec  1 00:00",
            p);
    return new ExecResult(argv, 0, line + "\n", "");
  }

  private static ExecResult stat(List<String> argv, SimFs fs) {
    String format = "  File: %n\n";
    List<String> paths = new ArrayList<>();
    boolean endOfOptions = false;
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!endOfOptions && a.equals("--")) {
        endOfOptions = true;
      } else if (!endOfOptions && a.startsWith("--printf=")) {
        format = a.substring("--printf=".length());
      } else if (!endOfOptions && (a.equals("-c") || a.equals("--format"))) {
        format = argv.get(++i) + "\n";
      } else if (!endOfOptions && a.startsWith("-")) {
        continue; // -L: the practice VPS has no symlinks
      } else {
        paths.add(a);
      }
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    for (String p : paths) {
      Optional<SimFile> f = fs.get(p);
      if (f.isEmpty()) {
        err.append("stat: cannot statx '").append(p).append("': No such file or directory\n");
        continue;
      }
      out.append(format(format, p, f.get(), new SimUserDb(fs)));
    }
    return new ExecResult(argv, err.length() == 0 ? 0 : 1, out.toString(), err.toString());
  }

  private static String format(String format, String path, SimFile f, SimUserDb db) {
    String type =
        f.directory() ? "directory" : f.content().isEmpty() ? "regular empty file" : "regular file";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '\\' && i + 1 < format.length()) {
        char n = format.charAt(++i);
        sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else if (c == '%' && i + 1 < format.length()) {
        char n = format.charAt(++i);
        sb.append(
            switch (n) {
              case 'U' -> f.owner();
              case 'G' -> f.group();
              case 'a' -> Integer.toOctalString(f.mode());
              case 's' ->
                  String.valueOf(
                      f.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
              case 'Y' -> "1732406400";
              case 'F' -> type;
              case 'n' -> path;
              case 'u' -> id(db, SimUserDb.PASSWD, f.owner());
              case 'g' -> id(db, SimUserDb.GROUP, f.group());
              case 'h' -> f.directory() ? "2" : "1";
              case '%' -> "%";
              default -> "?";
            });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The numeric id of a name in passwd or group; root is 0 even in an empty database. */
  private static String id(SimUserDb db, String file, String name) {
    if (name.equals("root")) {
      return "0";
    }
    return db.find(file, name).filter(f -> f.length > 2).map(f -> f[2]).orElse("65534");
  }

  private static ExecResult chmod(List<String> argv, SimFs fs) {
    List<String> args = operands(argv);
    if (args.size() < 2 || !args.get(0).matches("[0-7]{3,4}|[ugoa]*[-+=][rwx]+")) {
      return fail(argv, 1, "chmod: the practice VPS understands octal and simple symbolic modes\n");
    }
    boolean recursive = argv.contains("-R");
    for (String p : args.subList(1, args.size())) {
      if (!fs.exists(p)) {
        return fail(argv, 1, "chmod: cannot access '" + p + "': No such file or directory\n");
      }
      for (String q : recursive ? fs.walk(p) : List.of(p)) {
        SimFile f = fs.get(q).orElseThrow();
        fs.put(q, f.withMode(mode(args.get(0), f.mode())));
      }
    }
    return ok(argv, "");
  }

  /** An octal mode, or a symbolic one such as {@code o-w} applied to the old mode. */
  static int mode(String spec, int old) {
    if (spec.matches("[0-7]{3,4}")) {
      return Integer.parseInt(spec, 8);
    }
    int op = Math.max(spec.indexOf('-'), Math.max(spec.indexOf('+'), spec.indexOf('=')));
    String who = spec.substring(0, op).isEmpty() ? "a" : spec.substring(0, op);
    int bits = 0;
    for (char c : spec.substring(op + 1).toCharArray()) {
      bits |= c == 'r' ? 4 : c == 'w' ? 2 : 1;
    }
    int mask = 0;
    for (char c : who.toCharArray()) {
      mask |=
          switch (c) {
            case 'u' -> bits << 6;
            case 'g' -> bits << 3;
            case 'o' -> bits;
            default -> bits << 6 | bits << 3 | bits;
          };
    }
    return switch (spec.charAt(op)) {
      case '-' -> old & ~mask;
      case '+' -> old | mask;
      default -> (old & ~0777) | mask;
    };
  }

  private static ExecResult chown(List<String> argv, SimFs fs) {
    List<String> args = operands(argv);
    if (args.size() < 2) {
      return fail(argv, 1, "chown: missing operand\n");
    }
    String[] og = args.get(0).split(":", 2);
    String owner = og[0].isEmpty() ? null : og[0];
    String group = og.length > 1 && !og[1].isEmpty() ? og[1] : null;
    boolean recursive = argv.contains("-R");
    for (String p : args.subList(1, args.size())) {
      if (!fs.exists(p)) {
        return fail(argv, 1, "chown: cannot access '" + p + "': No such file or directory\n");
      }
      for (String q : recursive ? fs.walk(p) : List.of(p)) {
        fs.put(q, fs.get(q).orElseThrow().withOwner(owner, group));
      }
    }
    return ok(argv, "");
  }

  private static ExecResult install(List<String> argv, SimFs fs) {
    String owner = "root";
    String group = "root";
    int mode = 0755;
    boolean dir = false;
    List<String> paths = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      switch (argv.get(i)) {
        case "-d" -> dir = true;
        case "-m" -> mode = Integer.parseInt(argv.get(++i), 8);
        case "-o" -> owner = argv.get(++i);
        case "-g" -> group = argv.get(++i);
        default -> paths.add(argv.get(i));
      }
    }
    if (!dir) {
      return fail(argv, 1, "install: the practice VPS supports install -d only\n");
    }
    for (String p : paths) {
      fs.mkdirs(SimFs.parent(p));
      fs.put(p, SimFile.dir(owner, group, mode));
    }
    return ok(argv, "");
  }

  private static ExecResult mkdir(List<String> argv, SimFs fs) {
    for (String p : operands(argv)) {
      fs.mkdirs(p);
    }
    return ok(argv, "");
  }

  private static ExecResult systemctl(List<String> argv, SimFs fs) {
    List<String> args = operands(argv);
    if (args.isEmpty()) {
      return fail(argv, 1, "systemctl: missing verb\n");
    }
    String verb = args.get(0);
    if (verb.equals("daemon-reload")) {
      return daemonReload(argv, fs);
    }
    if (args.size() < 2) {
      return fail(argv, 1, "Too few arguments.\n");
    }
    String unit = SimServices.unitName(args.get(1));
    Optional<SimServices.Unit> u = SimServices.get(fs, unit);
    boolean now = argv.contains("--now");
    return switch (verb) {
      case "is-active" ->
          u.map(x -> x.active()).orElse(false)
              ? ok(argv, "active\n")
              : new ExecResult(argv, 3, "inactive\n", "");
      case "is-enabled" ->
          u.isEmpty()
              ? new ExecResult(
                  argv,
                  1,
                  "",
                  "Failed to get unit file state for " + unit + ": No such file or directory\n")
              : u.get().enabled()
                  ? ok(argv, "enabled\n")
                  : new ExecResult(argv, 1, "disabled\n", "");
      case "start", "restart", "reload", "try-reload-or-restart", "reload-or-restart" -> {
        if (u.isEmpty()) {
          yield fail(
              argv, 5, "Failed to " + verb + " " + unit + ": Unit " + unit + " not found.\n");
        }
        SimServices.set(fs, unit, u.get().enabled(), true);
        yield ok(argv, "");
      }
      case "stop" -> {
        u.ifPresent(x -> SimServices.set(fs, unit, x.enabled(), false));
        yield ok(argv, "");
      }
      case "enable", "disable" -> {
        if (u.isEmpty()) {
          yield fail(
              argv, 1, "Failed to " + verb + " unit: Unit file " + unit + " does not exist.\n");
        }
        boolean enable = verb.equals("enable");
        SimServices.set(fs, unit, enable, now ? enable : u.get().active());
        yield ok(argv, "");
      }
      default -> fail(argv, 1, "Unknown command verb " + verb.toLowerCase(Locale.ROOT) + ".\n");
    };
  }

  /** Units whose files appeared in /etc/systemd/system become known (disabled, inactive). */
  private static ExecResult daemonReload(List<String> argv, SimFs fs) {
    for (String name : fs.list("/etc/systemd/system")) {
      String unit = name.substring(name.lastIndexOf('/') + 1);
      if ((unit.endsWith(".service") || unit.endsWith(".timer"))
          && SimServices.get(fs, unit).isEmpty()) {
        SimServices.set(fs, unit, false, false);
      }
    }
    return ok(argv, "");
  }

  /**
   * {@code logger -t TAG [-p PRIO] MESSAGE}: the line lands in /var/log/syslog, as rsyslog does.
   */
  private static ExecResult logger(List<String> argv, SimFs fs) {
    String tag = "logger";
    StringBuilder msg = new StringBuilder();
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if ((a.equals("-t") || a.equals("-p")) && i + 1 < argv.size()) {
        tag = a.equals("-t") ? argv.get(++i) : tag;
        i += a.equals("-p") ? 1 : 0;
      } else {
        msg.append(msg.length() == 0 ? "" : " ").append(a);
      }
    }
    String log = fs.read("/var/log/syslog").orElse("");
    fs.write("/var/log/syslog", log + "vps1 " + tag + ": " + msg + "\n");
    return ok(argv, "");
  }

  /** Arguments that are not options. */
  static List<String> operands(List<String> argv) {
    return argv.subList(1, argv.size()).stream().filter(a -> !a.startsWith("-")).toList();
  }
}
