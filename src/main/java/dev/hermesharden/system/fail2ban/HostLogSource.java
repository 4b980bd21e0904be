package dev.hermesharden.system.fail2ban;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;

/**
 * Where this host's sshd log lines end up. On a journald-only host (no {@code /var/log/auth.log},
 * or rsyslog not running to write it — the default on Debian 12 and new Ubuntu images) fail2ban's
 * sshd jail must read the journal ({@code backend = systemd}); with a file backend it finds no log
 * file and fail2ban refuses to start.
 */
public record HostLogSource(boolean authLogExists, boolean rsyslogActive) {
  public static final String AUTH_LOG = "/var/log/auth.log";

  public static HostLogSource detect(Host host) throws HostException {
    boolean exists = host.stat(AUTH_LOG).isPresent();
    boolean rsyslog = host.exec("systemctl", "is-active", "rsyslog").ok();
    return new HostLogSource(exists, rsyslog);
  }

  public boolean journalOnly() {
    return !authLogExists || !rsyslogActive;
  }

  /** The backend our jail file sets for this host. */
  public String recommendedBackend() {
    return journalOnly() ? "systemd" : "auto";
  }

  /** Whether a jail with this effective backend sees sshd's failures on this host. */
  public boolean suits(String backend) {
    return !journalOnly() || backend.equals("systemd") || backend.startsWith("systemd[");
  }
}
