package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.system.fail2ban.JailConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fail2ban server of the practice VPS: start/reload read the jail files (as the real server
 * does, in its merge order) into a snapshot under {@code SIM_DIR/fail2ban/loaded}, one {@code jail
 * TAB backend TAB logpath TAB ignoreip} line per enabled jail; {@code fail2ban-client} answers from
 * that snapshot, so a changed file has no effect before a reload.
 */
final class SimFail2banServer {
  static final String LOADED = SimFs.SIM_DIR + "/fail2ban/loaded";
  private static final String NO_SOCKET =
      "ERROR   Failed to access socket path: /var/run/fail2ban/fail2ban.sock. Is fail2ban running?\n";

  /**
   * One loaded jail (states saved before maxretry … banaction were kept get fail2ban's defaults).
   */
  record Jail(
      String name,
      String backend,
      String logpath,
      String ignoreip,
      String maxretry,
      String findtime,
      String bantime,
      String port,
      String banaction) {
    Jail(String name, String backend, String logpath, String ignoreip) {
      this(name, backend, logpath, ignoreip, "5", "600", "600", "ssh", "iptables-multiport");
    }
  }

  private SimFail2banServer() {}

  static Optional<ExecResult> systemctl(List<String> argv, SimFs fs) {
    List<String> ops = SimCore.operands(argv);
    if (ops.size() != 2
        || !SimServices.unitName(ops.get(1)).equals(SimFail2ban.UNIT)
        || !SimFail2ban.installed(fs)) {
      return Optional.empty();
    }
    String verb = ops.get(0);
    boolean starts =
        List.of("start", "restart", "reload", "try-reload-or-restart", "reload-or-restart")
                .contains(verb)
            || (verb.equals("enable") && argv.contains("--now"));
    if (!starts) {
      return Optional.empty(); // is-active, stop, plain enable …: the generic systemctl answers
    }
    if (verb.equals("enable")) {
      SimServices.set(
          fs, SimFail2ban.UNIT, true, SimServices.get(fs, SimFail2ban.UNIT).orElseThrow().active());
    }
    Optional<String> error = start(fs);
    if (error.isPresent()) {
      return Optional.of(
          fail(
              argv,
              1,
              "Job for fail2ban.service failed because the control process exited with error code.\n"
                  + "See \"systemctl status fail2ban.service\" and \"journalctl -xeu fail2ban.service\""
                  + " for details.\n"));
    }
    return Optional.of(ok(argv, ""));
  }

  /** (Re)starts the server; empty on success, else the server's error and the unit is down. */
  static Optional<String> start(SimFs fs) {
    boolean enabled =
        SimServices.get(fs, SimFail2ban.UNIT).map(SimServices.Unit::enabled).orElse(false);
    List<Jail> jails = new ArrayList<>();
    Optional<String> error = load(fs, jails);
    if (error.isPresent()) {
      SimServices.set(fs, SimFail2ban.UNIT, enabled, false);
      fs.delete(LOADED);
      return error;
    }
    save(fs, jails);
    SimServices.set(fs, SimFail2ban.UNIT, enabled, true);
    return Optional.empty();
  }

  private static Optional<String> load(SimFs fs, List<Jail> into) {
    List<String> texts = new ArrayList<>();
    for (String p : JailConfig.paths(fs.list(JailConfig.DIR + "/jail.d"))) {
      fs.read(p).ifPresent(texts::add);
    }
    JailConfig cfg = JailConfig.parse(texts);
    for (String name : cfg.jails()) {
      if (!cfg.enabled(name)) {
        continue;
      }
      String backend = cfg.get(name, "backend").orElse("auto");
      String logpath = cfg.get(name, "logpath").orElse("").strip();
      if (!backend.startsWith("systemd") && (logpath.isEmpty() || !fs.exists(logpath))) {
        return Optional.of("Have not found any log file for " + name + " jail");
      }
      into.add(
          new Jail(
              name,
              backend,
              logpath,
              cfg.get(name, "ignoreip").orElse("").replaceAll("[,\\s]+", " ").strip(),
              cfg.get(name, "maxretry").orElse("5").strip(),
              seconds(cfg.get(name, "findtime").orElse("600")),
              seconds(cfg.get(name, "bantime").orElse("600")),
              cfg.get(name, "port").orElse("ssh").strip(),
              cfg.get(name, "banaction").orElse("iptables-multiport").strip()));
    }
    return Optional.empty();
  }

  private static void save(SimFs fs, List<Jail> jails) {
    StringBuilder sb = new StringBuilder();
    jails.forEach(
        j ->
            sb.append(
                    String.join(
                        "\t",
                        j.name(),
                        j.backend(),
                        j.logpath(),
                        j.ignoreip(),
                        j.maxretry(),
                        j.findtime(),
                        j.bantime(),
                        j.port(),
                        j.banaction()))
                .append('\n'));
    fs.write(LOADED, sb.toString());
  }

  /** fail2ban 1.0's ban command of a stock action, as {@code get JAIL action A actionban}. */
  private static String actionban(String action) {
    return action.startsWith("ufw")
        ? "[ -n \"<application>\" ] && app=\"app <application>\"\n"
            + "ufw insert <insertpos> <blocktype> from <ip> to <destination> $app"
        : "<iptables> -I f2b-<name> 1 -s <ip> -j <blocktype>";
  }

  /** A duration as the server prints it: seconds. */
  private static String seconds(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smhdw]?)").matcher(v);
    if (!m.matches()) {
      return v;
    }
    long n = Long.parseLong(m.group(1));
    long mul =
        switch (m.group(2)) {
          case "m" -> 60;
          case "h" -> 3600;
          case "d" -> 86_400;
          case "w" -> 604_800;
          default -> 1;
        };
    return String.valueOf(n * mul);
  }

  static List<Jail> loaded(SimFs fs) {
    List<Jail> out = new ArrayList<>();
    for (String line : fs.read(LOADED).orElse("").split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 4) {
        out.add(new Jail(f[0], f[1], f[2], f[3]));
      } else if (f.length == 9) {
        out.add(new Jail(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]));
      }
    }
    return out;
  }

  static boolean running(SimFs fs) {
    return SimServices.get(fs, SimFail2ban.UNIT).map(SimServices.Unit::active).orElse(false);
  }

  static ExecResult client(List<String> argv, SimFs fs) {
    if (!running(fs)) {
      return fail(argv, 255, NO_SOCKET);
    }
    List<String> a = argv.subList(1, argv.size());
    if (a.equals(List.of("ping"))) {
      return ok(argv, "Server replied: pong\n");
    }
    if (a.equals(List.of("reload"))) {
      Optional<String> error = start(fs);
      return error.isPresent()
          ? fail(argv, 255, "ERROR  Failed during configuration: " + error.get() + "\n")
          : ok(argv, "OK\n");
    }
    List<Jail> jails = loaded(fs);
    if (a.equals(List.of("status"))) {
      List<String> names = jails.stream().map(Jail::name).toList();
      return ok(
          argv,
          "Status\n|- Number of jail:\t"
              + names.size()
              + "\n`- Jail list:\t"
              + String.join(", ", names)
              + "\n");
    }
    String jailName = a.size() >= 2 ? a.get(1) : "";
    Optional<Jail> jail = jails.stream().filter(j -> j.name().equals(jailName)).findFirst();
    if (jail.isEmpty()) {
      return fail(argv, 255, "Sorry but the jail '" + jailName + "' does not exist\n");
    }
    if (a.size() == 2 && a.get(0).equals("status")) {
      return ok(argv, SimFail2banRegex.jailStatus(jail.get(), fs));
    }
    if (a.size() == 3 && a.get(0).equals("get") && a.get(2).equals("ignoreip")) {
      return ok(argv, SimFail2banRegex.ignoreIp(jail.get()));
    }
    if (a.size() >= 3 && a.get(0).equals("get")) {
      Jail j = jail.get();
      String answer =
          switch (a.size() == 3
              ? a.get(2)
              : a.size() == 5 && a.get(2).equals("action") ? a.get(4) : "") {
            case "maxretry" -> j.maxretry();
            case "findtime" -> j.findtime();
            case "bantime" -> j.bantime();
            case "actions" ->
                "The jail " + j.name() + " has the following actions:\n" + j.banaction();
            case "port" -> a.get(3).equals(j.banaction()) ? j.port() : null;
            case "actionban" -> a.get(3).equals(j.banaction()) ? actionban(j.banaction()) : null;
            default -> null;
          };
      if (answer != null) {
        return ok(argv, answer + "\n");
      }
    }
    return fail(argv, 255, "ERROR  Invalid command\n");
  }
}
