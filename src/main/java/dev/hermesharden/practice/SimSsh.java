package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshAuthOffer;
import dev.hermesharden.system.sshd.ConfigEntry;
import dev.hermesharden.system.sshd.MatchSpec;
import dev.hermesharden.system.sshd.SshdAuthMethods;
import dev.hermesharden.system.sshd.SshdConfigFiles;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenSSH 9.6 on the practice VPS: Ubuntu 24.04's own {@code sshd_config}, cloud-init's drop-in
 * turning passwords on, and a provider's {@code PermitRootLogin yes}. Answers {@code sshd -t},
 * {@code sshd -T [-C spec]}, {@code sshd -V}, {@code ssh -V}, and refuses {@code systemctl reload
 * ssh} like systemd does when the configuration is broken (otherwise the core handles it).
 */
final class SimSsh implements SimComponent {
  static final String VERSION = "OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024\n";

  @Override
  public void seed(SimFs fs) {
    fs.write(SshdConfigFiles.MAIN, SimSshSeed.SSHD_CONFIG);
    fs.write(SshdConfigFiles.DROP_IN_DIR + "/50-cloud-init.conf", "PasswordAuthentication yes\n");
    fs.write(
        SshdConfigFiles.DROP_IN_DIR + "/60-cloudimg-settings.conf", "PasswordAuthentication no\n");
    SimServices.set(fs, "ssh.service", true, true);
    SimServices.set(fs, "ssh.socket", false, false);
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    String cmd = argv.get(0);
    if (cmd.equals("sshd") || cmd.equals("/usr/sbin/sshd")) {
      return Optional.of(sshd(argv, fs));
    }
    if ((cmd.equals("ssh") || cmd.equals("/usr/bin/ssh")) && argv.contains("-V")) {
      return Optional.of(new ExecResult(argv, 0, "", VERSION));
    }
    if (cmd.equals("systemctl")) {
      return systemctl(argv, fs);
    }
    return Optional.empty();
  }

  private static ExecResult sshd(List<String> argv, SimFs fs) {
    String mode = "";
    Optional<MatchSpec> spec = Optional.empty();
    String config = SshdConfigFiles.MAIN;
    for (int i = 1; i < argv.size(); i++) {
      switch (argv.get(i)) {
        case "-t", "-T" -> mode = argv.get(i);
        case "-V" -> {
          return new ExecResult(argv, 0, "", VERSION);
        }
        case "-C" -> {
          if (i + 1 >= argv.size()) {
            return fail(argv, 255, "option requires an argument -- C\n" + usage());
          }
          spec = Optional.of(MatchSpec.parse(argv.get(++i)));
        }
        case "-f" -> config = argv.get(++i);
        default -> {
          return fail(
              argv, 255, "unknown option -- " + argv.get(i).replace("-", "") + "\n" + usage());
        }
      }
    }
    if (mode.isEmpty()) {
      return fail(argv, 255, "sshd re-exec requires execution with an absolute path\n");
    }
    if (!fs.exists(config)) {
      return fail(argv, 255, config + ": No such file or directory\n");
    }
    SshdConfigFiles files = SshdConfigFiles.parse(config, snapshot(fs));
    Optional<String> problems = problems(files);
    if (problems.isPresent()) {
      return fail(argv, 255, problems.get());
    }
    return mode.equals("-t") ? ok(argv, "") : ok(argv, SimSshdDump.render(files, spec));
  }

  /** sshd's complaint about unknown keywords, or empty when the files would load. */
  static Optional<String> problems(SshdConfigFiles files) {
    List<ConfigEntry> bad = files.unknownKeywords();
    if (bad.isEmpty()) {
      return Optional.empty();
    }
    String firstFile = bad.get(0).file();
    StringBuilder err = new StringBuilder();
    long count = bad.stream().filter(b -> b.file().equals(firstFile)).count();
    for (ConfigEntry b : bad) {
      if (b.file().equals(firstFile)) {
        String written =
            files.files().get(b.file()).split("\n", -1)[b.line() - 1].strip().split("[\\s=]+")[0];
        err.append(b.file())
            .append(": line ")
            .append(b.line())
            .append(": Bad configuration option: ")
            .append(written)
            .append('\n');
      }
    }
    err.append(firstFile)
        .append(": terminating, ")
        .append(count)
        .append(" bad configuration options\n");
    return Optional.of(err.toString());
  }

  private static Optional<ExecResult> systemctl(List<String> argv, SimFs fs) {
    List<String> ops = SimCore.operands(argv);
    if (ops.size() < 2
        || !List.of("reload", "restart", "reload-or-restart", "try-reload-or-restart")
            .contains(ops.get(0))) {
      return Optional.empty();
    }
    String unit = SimServices.unitName(ops.get(1));
    if (!unit.equals("ssh.service") && !unit.equals("sshd.service")) {
      return Optional.empty();
    }
    Optional<String> problems = problems(SshdConfigFiles.parse(snapshot(fs)));
    if (problems.isPresent()) {
      return Optional.of(
          fail(
              argv,
              1,
              "Job for ssh.service failed because the control process exited with error code.\n"
                  + "See \"systemctl status ssh.service\" and \"journalctl -xeu ssh.service\" for details.\n"));
    }
    if (unit.equals("sshd.service")) {
      // On Debian and Ubuntu sshd.service is an alias of ssh.service.
      SimServices.get(fs, "ssh.service")
          .ifPresent(u -> SimServices.set(fs, "ssh.service", u.enabled(), true));
      return Optional.of(ok(argv, ""));
    }
    return Optional.empty();
  }

  /**
   * The simulated sshd's answer to {@code none} authentication: the methods its configuration
   * offers this user from this machine's own address (the practice sshd always runs its files).
   */
  static SshAuthOffer offer(SimFs fs, String address, int port, String user) throws HostException {
    SshdConfigFiles files = SshdConfigFiles.parse(snapshot(fs));
    boolean running =
        SimServices.get(fs, "ssh.service").map(SimServices.Unit::active).orElse(false);
    MatchSpec spec =
        new MatchSpec(
            user, address, address, Optional.of(address), Optional.of(String.valueOf(port)));
    SshdEffectiveConfig e = SshdEffectiveConfig.parse(SimSshdDump.render(files, Optional.of(spec)));
    if (!running || problems(files).isPresent() || !e.all("port").contains(String.valueOf(port))) {
      throw new HostException(
          HostException.Kind.UNREACHABLE, "ssh " + address + ":" + port + ": Connection refused");
    }
    return new SshAuthOffer(address, port, user, SshdAuthMethods.offered(e), false);
  }

  static Map<String, String> snapshot(SimFs fs) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String p : fs.walk("/etc/ssh")) {
      fs.read(p).ifPresent(t -> files.put(p, t));
    }
    return files;
  }

  private static String usage() {
    return VERSION
        + "usage: sshd [-46DdeGiqTtV] [-C connection_spec] [-c host_cert_file]\n"
        + "            [-E log_file] [-f config_file] [-g login_grace_time]\n"
        + "            [-h host_key_file] [-o option] [-p port] [-u len]\n";
  }
}
