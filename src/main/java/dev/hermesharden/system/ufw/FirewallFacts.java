package dev.hermesharden.system.ufw;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.ufw.SshPortReader.SshPorts;
import java.util.Optional;

/**
 * What the firewall checks look at: what ufw says it intends ({@code ufw status verbose}, which
 * lists the rules of its files), {@code /etc/default/ufw}, the ports sshd really listens on, and
 * the packet filter the kernel runs ({@link LiveFirewall}).
 *
 * @param status empty when ufw is not installed or {@code ufw status} failed
 * @param statusError why {@code ufw status} failed (e.g. "ERROR: problem running ip6tables" when
 *     IPV6 was switched on in the file after ufw was enabled without it); empty when it answered
 * @param defaultsFile the text of {@code /etc/default/ufw}, empty when missing
 */
public record FirewallFacts(
    Optional<UfwStatus> status,
    Optional<String> defaultsFile,
    SshPorts ssh,
    Optional<String> statusError,
    LiveFirewall live) {
  /** Facts without a look at the live filter (tests of ufw's own view). */
  public FirewallFacts(Optional<UfwStatus> status, Optional<String> defaultsFile, SshPorts ssh) {
    this(status, defaultsFile, ssh, Optional.empty(), LiveFirewall.UNKNOWN);
  }

  /** Reads only: {@code ufw status verbose}, {@code sshd -T}, one file, the live filter. */
  public static FirewallFacts gather(Host host) throws HostException {
    ExecResult r = host.exec("ufw", "status", "verbose");
    Optional<UfwStatus> status = Optional.empty();
    Optional<String> error = Optional.empty();
    if (r.exitCode() != 127) {
      try {
        status = Optional.of(parse(host, r, "verbose"));
      } catch (HostException e) {
        if (e.kind() == HostException.Kind.PERMISSION) {
          throw e;
        }
        error = Optional.of((r.stdout() + r.stderr()).strip());
      }
    }
    return new FirewallFacts(
        status,
        host.readFile(UfwDefaultsFile.PATH),
        SshPortReader.withOthers(host),
        error,
        LiveFirewall.gather(host));
  }

  /** Whether ufw is installed (it answered, or failed with a complaint of its own). */
  public boolean installed() {
    return status.isPresent() || statusError.isPresent();
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
    return Optional.of(parse(host, r, layout));
  }

  /** The status parsed once per run of checks ({@link Host#parsed}): 5,000 rules are many lines. */
  private static UfwStatus parse(Host host, ExecResult r, String layout) throws HostException {
    if (!r.ok() || !r.stdout().strip().startsWith("Status:")) {
      String why = (r.stdout() + r.stderr()).strip();
      throw new HostException(
          why.contains("root") ? HostException.Kind.PERMISSION : HostException.Kind.IO,
          "ufw status " + layout + ": " + why);
    }
    return host.parsed(
        UfwStatusParser.KIND, "ufw status " + layout, r.stdout(), UfwStatusParser::parse);
  }
}
