package dev.hermesharden.system.probe;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.HostFacts;
import dev.hermesharden.system.compose.ComposeCli;
import dev.hermesharden.system.sshd.OpensshVersion;
import dev.hermesharden.system.sshd.SshdProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Detects what kind of server a {@link Host} is (OS, OpenSSH, systemd, the ssh unit, socket
 * activation, Docker, compose) and how the admin is connected. Works the same on this machine and
 * on the practice VPS because it only asks the host. New code asks here; the sshd and docker steps
 * keep their own narrower detection, which this reuses ({@link SshdProbe#version}, {@link
 * ComposeCli}).
 *
 * <p>Only reads. Each fact is asked on its own: one that fails (not installed, no permission, a
 * timeout) stays empty and the others are still told.
 */
public final class HostProbe {
  private static final Duration QUICK = Duration.ofSeconds(5);
  private static final Pattern DOCKER_VERSION = Pattern.compile("\\d+\\.\\d+[\\w.+~-]*");
  private static final List<String> UNIT_DIRS =
      List.of("/lib/systemd/system", "/usr/lib/systemd/system");

  private HostProbe() {}

  /** Everything; {@code env} is the tool's environment (SSH_CONNECTION, SUDO_USER, USER). */
  public static HostFacts probe(Host host, Map<String, String> env) {
    boolean systemd = systemd(host);
    return new HostFacts(
        host.name(),
        os(host),
        openssh(host),
        systemd,
        sshService(host, systemd),
        systemd && sshSocketActive(host),
        dockerVersion(host),
        compose(host),
        admin(env));
  }

  /** {@code /etc/os-release}, else {@code /usr/lib/os-release}; no command is run. */
  public static Optional<HostFacts.Os> os(Host host) {
    try {
      Optional<String> text =
          host.readFile("/etc/os-release").or(() -> readQuietly(host, "/usr/lib/os-release"));
      return text.flatMap(OsRelease::parse);
    } catch (HostException e) {
      return Optional.empty();
    }
  }

  public static Optional<String> openssh(Host host) {
    try {
      return SshdProbe.version(host).map(OpensshVersion::text);
    } catch (HostException e) {
      return Optional.empty();
    }
  }

  /** systemd is PID 1 exactly when {@code /run/systemd/system} is a directory (sd_booted(3)). */
  public static boolean systemd(Host host) {
    try {
      return host.stat("/run/systemd/system").map(FileStat::isDirectory).orElse(false);
    } catch (HostException e) {
      return false;
    }
  }

  /**
   * {@code ssh} on Debian and Ubuntu, {@code sshd} elsewhere. Asks systemd about {@code
   * ssh.service} first (on Debian {@code sshd.service} is only an alias of it), else looks for the
   * unit file.
   */
  public static Optional<String> sshService(Host host, boolean systemd) {
    for (String name : List.of("ssh", "sshd")) {
      if (systemd && unitKnown(run(host, "systemctl", "is-enabled", name + ".service"))) {
        return Optional.of(name);
      }
    }
    for (String name : List.of("ssh", "sshd")) {
      for (String dir : UNIT_DIRS) {
        try {
          if (host.stat(dir + "/" + name + ".service").isPresent()) {
            return Optional.of(name);
          }
        } catch (HostException e) {
          // not visible: try the next place
        }
      }
    }
    return Optional.empty();
  }

  public static boolean sshSocketActive(Host host) {
    return run(host, "systemctl", "is-active", "ssh.socket")
        .map(r -> r.ok() && r.stdout().strip().equals("active"))
        .orElse(false);
  }

  /** The daemon's version: {@code docker version}, else {@code docker info}; empty when down. */
  public static Optional<String> dockerVersion(Host host) {
    return run(host, "docker", "version", "--format", "{{.Server.Version}}")
        .flatMap(HostProbe::dockerVersion)
        .or(
            () ->
                run(host, "docker", "info", "--format", "{{.ServerVersion}}")
                    .flatMap(HostProbe::dockerVersion));
  }

  public static Optional<HostFacts.Compose> compose(Host host) {
    try {
      return ComposeCli.detect(host).map(c -> new HostFacts.Compose(c.plugin(), c.version()));
    } catch (HostException e) {
      return Optional.empty();
    }
  }

  /** From the tool's environment; {@code SSH_CONNECTION} is "client port server port". */
  public static HostFacts.Admin admin(Map<String, String> env) {
    Optional<String> sudo = value(env, "SUDO_USER");
    String[] conn = value(env, "SSH_CONNECTION").orElse("").trim().split("\\s+");
    return new HostFacts.Admin(
        sudo.or(() -> value(env, "USER")),
        sudo.isPresent(),
        conn.length == 4 ? Optional.of(conn[0]) : Optional.empty(),
        conn.length == 4 ? Optional.of(conn[2]) : Optional.empty());
  }

  /** A version only when the command succeeded and printed one; error text is not a version. */
  static Optional<String> dockerVersion(ExecResult r) {
    String v = r.stdout().strip();
    return r.ok() && DOCKER_VERSION.matcher(v).matches() ? Optional.of(v) : Optional.empty();
  }

  /**
   * Whether {@code systemctl is-enabled} knows the unit: it prints a state (enabled, disabled,
   * static, alias, masked, indirect, ...) for any unit that exists, exit 1 for some of them; for a
   * missing unit it prints nothing on stdout (or "not-found") and complains on stderr.
   */
  static boolean unitKnown(Optional<ExecResult> r) {
    return r.map(x -> x.stdout().strip())
        .map(s -> !s.isEmpty() && !s.equals("not-found") && s.matches("[a-z-]+"))
        .orElse(false);
  }

  private static Optional<ExecResult> run(Host host, String... argv) {
    try {
      return Optional.of(host.exec(List.of(argv), QUICK));
    } catch (HostException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> readQuietly(Host host, String path) {
    try {
      return host.readFile(path);
    } catch (HostException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
