package dev.hermesharden.host;

import java.util.Optional;

/**
 * What kind of server this is, as detected by {@code system.probe.HostProbe}: plain values, so
 * every layer (the wizard's header, the {@code facts} command) can show them. Empty means "could
 * not tell", never "no": a fact that could not be asked is not a fact.
 *
 * @param openssh the OpenSSH version word, e.g. {@code OpenSSH_9.6p1}
 * @param systemd {@code /run/systemd/system} exists (systemd is PID 1)
 * @param sshService the ssh unit's name: {@code ssh} (Debian, Ubuntu) or {@code sshd}
 * @param sshSocketActive {@code ssh.socket} is active: sshd starts per connection and listens where
 *     the socket says, so {@code Port}/{@code ListenAddress} in sshd_config do not apply
 * @param dockerVersion the Docker daemon's version, when the daemon answered
 */
public record HostFacts(
    String hostName,
    Optional<Os> os,
    Optional<String> openssh,
    boolean systemd,
    Optional<String> sshService,
    boolean sshSocketActive,
    Optional<String> dockerVersion,
    Optional<Compose> compose,
    Admin admin) {

  /** From {@code /etc/os-release}: {@code ID}, {@code VERSION_ID}, {@code PRETTY_NAME}, NAME. */
  public record Os(String id, String versionId, String prettyName, String name) {
    /** A short label for a header: "Ubuntu 24.04", else the pretty name, else the id. */
    public String shortName() {
      if (!name.isEmpty() && !versionId.isEmpty()) {
        return name + " " + versionId;
      }
      return !prettyName.isEmpty() ? prettyName : id;
    }
  }

  /** Which compose: the v2 plugin ({@code docker compose}) or v1 ({@code docker-compose}). */
  public record Compose(boolean plugin, String version) {}

  /**
   * How the admin reached this shell, from the tool's own environment.
   *
   * @param user who started the tool: {@code SUDO_USER} under sudo, else {@code USER}
   * @param viaSudo {@code SUDO_USER} was set
   * @param clientAddress the admin's address from {@code SSH_CONNECTION} (empty on a console)
   * @param serverAddress the server address the admin connected to: tells the public from the
   *     private path
   */
  public record Admin(
      Optional<String> user,
      boolean viaSudo,
      Optional<String> clientAddress,
      Optional<String> serverAddress) {}
}
