package dev.hermesharden.system.ufw;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.net.SsListeners;
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
  /**
   * @param others the ports of root's other SSH servers ({@link SsListeners#otherSshServers}): not
   *     sshd's files' ports, but SSH all the same; empty unless asked ({@link #withOthers})
   */
  public record SshPorts(List<Integer> ports, boolean fromDefault, List<Integer> others) {
    public SshPorts {
      ports = List.copyOf(ports);
      others = List.copyOf(others);
    }

    public SshPorts(List<Integer> ports, boolean fromDefault) {
      this(ports, fromDefault, List.of());
    }

    /** Every port an SSH server listens on: what must not be reachable from the internet. */
    public List<Integer> all() {
      TreeSet<Integer> all = new TreeSet<>(ports);
      all.addAll(others);
      return List.copyOf(all);
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
   * {@link #read} and the ports of root's other SSH servers listening now ({@code ss -Htlnpe}, the
   * table other checks of the run ask for too): a second {@code sshd -p 2200} is SSH that no file
   * of sshd names.
   */
  public static SshPorts withOthers(Host host) throws HostException {
    SshPorts files = read(host);
    ExecResult ss = SsListeners.ask(host);
    if (!ss.ok()) {
      return files;
    }
    TreeSet<Integer> others = new TreeSet<>();
    for (SsListeners.Listener l :
        SsListeners.otherSshServers(SsListeners.parse(ss.stdout()), files.ports())) {
      others.add(Integer.parseInt(l.port()));
    }
    return new SshPorts(files.ports(), files.fromDefault(), List.copyOf(others));
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
