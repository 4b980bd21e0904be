package dev.hermesharden.report;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.sshd.OpensshVersion;
import dev.hermesharden.system.sshd.SshdProbe;
import java.util.Optional;

/**
 * Reads the few host facts a report opens with: the OS name from {@code /etc/os-release} and the
 * OpenSSH version. Read-only; an unreadable fact becomes {@code "unknown"}.
 */
public final class HostFactsReader {
  /** The facts; {@code clientAddress} is how the server sees the admin (may be empty). */
  public record Facts(String os, String openssh, String clientAddress) {}

  private HostFactsReader() {}

  public static Facts read(Host host, Optional<String> clientAddress) {
    String os = "unknown";
    String ssh = "unknown";
    try {
      os = host.readFile("/etc/os-release").flatMap(HostFactsReader::prettyName).orElse(os);
      ssh = SshdProbe.version(host).map(OpensshVersion::text).orElse(ssh);
    } catch (HostException | RuntimeException e) {
      // a fact we cannot read is reported as unknown
    }
    return new Facts(os, ssh, clientAddress.orElse(""));
  }

  static Optional<String> prettyName(String osRelease) {
    for (String line : osRelease.split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        return Optional.of(line.substring("PRETTY_NAME=".length()).replace("\"", "").strip());
      }
    }
    return Optional.empty();
  }
}
