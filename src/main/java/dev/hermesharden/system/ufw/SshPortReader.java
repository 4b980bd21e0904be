package dev.hermesharden.system.ufw;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import java.util.List;
import java.util.TreeSet;

/**
 * The TCP ports sshd listens on, from the effective configuration ({@code sshd -T}, its {@code
 * port} lines).
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

  /** The {@code port N} lines of {@code sshd -T} output, sorted, without duplicates. */
  public static List<Integer> parse(String sshdT) {
    TreeSet<Integer> ports = new TreeSet<>();
    for (String port : SshdEffectiveConfig.parse(sshdT).all("port")) {
      if (port.strip().matches("\\d{1,5}")) {
        ports.add(Integer.parseInt(port.strip()));
      }
    }
    return List.copyOf(ports);
  }
}
