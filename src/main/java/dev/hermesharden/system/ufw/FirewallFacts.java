package dev.hermesharden.system.ufw;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.ufw.SshPortReader.SshPorts;
import java.util.Optional;

/**
 * What the firewall checks look at: ufw's live status, {@code /etc/default/ufw} and the ports sshd
 * really listens on.
 *
 * @param status empty when ufw is not installed
 * @param defaultsFile the text of {@code /etc/default/ufw}, empty when missing
 */
public record FirewallFacts(
    Optional<UfwStatus> status, Optional<String> defaultsFile, SshPorts ssh) {
  /** Reads only: {@code ufw status verbose}, {@code sshd -T}, one file. */
  public static FirewallFacts gather(Host host) throws HostException {
    return new FirewallFacts(
        status(host, "verbose"), host.readFile(UfwDefaultsFile.PATH), SshPortReader.read(host));
  }

  /**
   * {@code ufw status verbose|numbered}, parsed; empty when ufw is not installed.
   *
   * @throws HostException PERMISSION when not run as root ("You need to be root")
   */
  public static Optional<UfwStatus> status(Host host, String layout) throws HostException {
    ExecResult r = host.exec("ufw", "status", layout);
    if (r.exitCode() == 127) {
      return Optional.empty();
    }
    if (!r.ok() || !r.stdout().strip().startsWith("Status:")) {
      String why = (r.stdout() + r.stderr()).strip();
      throw new HostException(
          why.contains("root") ? HostException.Kind.PERMISSION : HostException.Kind.IO,
          "ufw status " + layout + ": " + why);
    }
    return Optional.of(UfwStatusParser.parse(r.stdout()));
  }
}
