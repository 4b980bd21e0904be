package dev.hermesharden.system.ufw;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import java.util.List;
import java.util.TreeSet;

/**
 * The TCP ports sshd listens on, from the effective configuration ({@code sshd -T}, its {@code
 * port} and {@code listenaddress} lines).
 *
 * <p>Caveat: a stop-gap until the shared {@code SshdEffectiveConfig} is merged; when {@code sshd
 * -T} cannot answer (no sshd, no privilege) it falls back to sshd's default port 22 and says so in
 * {@link SshPorts#fromDefault()}. With {@code ssh.socket} activation the socket unit's ListenStream
 * decides the real port; Ubuntu 24.04 generates it from the same setting.
 */
public final class SshPortReader {
  /** The ports found, and whether they are sshd's default rather than read from the daemon. */
  public record SshPorts(List<Integer> ports, boolean fromDefault) {
    public SshPorts {
      ports = List.copyOf(ports);
    }
  }

  private SshPortReader() {}

  public static SshPorts read(Host host) throws HostException {
    ExecResult r = host.exec("sshd", "-T");
    if (r.ok()) {
      List<Integer> ports = parse(r.stdout());
      if (!ports.isEmpty()) {
        return new SshPorts(ports, false);
      }
    }
    return new SshPorts(List.of(22), true);
  }

  /**
   * The {@code port N} lines of {@code sshd -T} output and the port of every {@code listenaddress
   * ADDR:PORT} line, sorted, without duplicates. An address's own port wins over {@code Port}: with
   * {@code ListenAddress 0.0.0.0:2222} sshd answered on 2222 while {@code sshd -T} said {@code port
   * 22}, and the firewall checks tried only 22 (EarlyStepsHostileSandbox2Test).
   */
  public static List<Integer> parse(String sshdT) {
    TreeSet<Integer> ports = new TreeSet<>();
    SshdEffectiveConfig c = SshdEffectiveConfig.parse(sshdT);
    for (String port : c.all("port")) {
      if (port.strip().matches("\\d{1,5}")) {
        ports.add(Integer.parseInt(port.strip()));
      }
    }
    for (String la : c.all("listenaddress")) {
      String addr = la.strip().split("\\s+")[0];
      String port = addr.substring(addr.lastIndexOf(':') + 1);
      if (addr.contains(":") && port.matches("\\d{1,5}")) {
        ports.add(Integer.parseInt(port));
      }
    }
    return List.copyOf(ports);
  }
}
