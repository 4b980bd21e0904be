package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.system.fail2ban.JailConfig;
import java.util.List;
import java.util.Optional;

/**
 * fail2ban on the practice VPS. Fresh: not installed. {@code apt-get … install fail2ban} puts the
 * package's files in place and, like the Ubuntu 24.04 package, enables the service and tries to
 * start it — which fails, because the stock sshd jail uses {@code backend = auto} and this
 * journald-only host has no {@code /var/log/auth.log}. So the practice VPS teaches the real trap.
 *
 * <p>The running server's configuration is a snapshot taken at start/reload ({@link
 * SimFail2banServer}); the failed-login probe and {@code fail2ban-regex} live in {@link
 * SimFail2banRegex}.
 */
final class SimFail2ban implements SimComponent {
  static final String CLIENT = "/usr/bin/fail2ban-client";
  static final String UNIT = "fail2ban.service";

  @Override
  public void seed(SimFs fs) {
    fs.mkdirs(SimFs.SIM_DIR + "/fail2ban");
  }

  static boolean installed(SimFs fs) {
    return fs.exists(CLIENT);
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    return switch (argv.get(0)) {
      case "dpkg-query" ->
          argv.contains("fail2ban") ? Optional.of(dpkgQuery(argv, fs)) : Optional.empty();
      case "apt-get" ->
          argv.contains("install") && argv.contains("fail2ban")
              ? Optional.of(install(argv, fs))
              : Optional.empty();
      case "systemctl" -> SimFail2banServer.systemctl(argv, fs);
      case "fail2ban-client" ->
          installed(fs) ? Optional.of(SimFail2banServer.client(argv, fs)) : Optional.empty();
      case "fail2ban-regex" ->
          installed(fs) ? Optional.of(SimFail2banRegex.regex(argv, fs)) : Optional.empty();
      case "ssh" -> SimFail2banRegex.probe(argv, fs);
      default -> Optional.empty();
    };
  }

  private static ExecResult dpkgQuery(List<String> argv, SimFs fs) {
    if (!installed(fs)) {
      return fail(argv, 1, "dpkg-query: no packages found matching fail2ban\n");
    }
    return ok(
        argv,
        argv.stream().anyMatch(a -> a.contains("${Status}"))
            ? "install ok installed"
            : "fail2ban\t" + SimFail2banFiles.VERSION + "\n");
  }

  private static ExecResult install(List<String> argv, SimFs fs) {
    String head =
        "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";
    if (installed(fs)) {
      return ok(
          argv,
          head
              + "fail2ban is already the newest version ("
              + SimFail2banFiles.VERSION
              + ").\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
    }
    fs.put(CLIENT, SimFile.file("#!/usr/bin/python3\n", "root", "root", 0755));
    fs.put("/usr/bin/fail2ban-regex", SimFile.file("#!/usr/bin/python3\n", "root", "root", 0755));
    fs.write(JailConfig.DIR + "/jail.conf", SimFail2banFiles.JAIL_CONF);
    fs.write(JailConfig.DIR + "/paths-common.conf", SimFail2banFiles.PATHS_COMMON);
    fs.write(JailConfig.DIR + "/paths-debian.conf", SimFail2banFiles.PATHS_DEBIAN);
    fs.write(JailConfig.DIR + "/jail.d/defaults-debian.conf", SimFail2banFiles.DEFAULTS_DEBIAN);
    SimServices.set(fs, UNIT, true, false);
    SimFail2banServer.start(fs); // fails on this host with the stock config, as on a real one
    return ok(
        argv,
        head
            + "The following NEW packages will be installed:\n"
            + "  fail2ban python3-pyasyncore python3-pyinotify whois\n"
            + "0 upgraded, 4 newly installed, 0 to remove and 0 not upgraded.\n"
            + "Setting up fail2ban ("
            + SimFail2banFiles.VERSION
            + ") ...\n"
            + "Created symlink /etc/systemd/system/multi-user.target.wants/fail2ban.service"
            + " → /usr/lib/systemd/system/fail2ban.service.\n");
  }
}
