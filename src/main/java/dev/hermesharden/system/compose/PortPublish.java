package dev.hermesharden.system.compose;

import dev.hermesharden.system.net.BindAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of a service's {@code ports:}, short ({@code "127.0.0.1:8642:8642/tcp"}) or long syntax
 * ({@code target/published/host_ip/protocol/mode}). Texts are kept as written, including ranges
 * ({@code 8000-8010}) and interpolations ({@code ${PORT:-8642}}).
 *
 * @param hostIp the host address, brackets removed; empty when none is given (= every address)
 * @param published the host port or range; empty when Docker picks one
 * @param line 1-based line of the entry in its file
 */
public record PortPublish(
    String hostIp, String published, String target, String protocol, int line, boolean longSyntax) {

  /**
   * Whether the port is reachable from outside: any host address that is not loopback (none, a
   * wildcard, the VPS's own public address, ...). An interpolated address counts by its default.
   */
  public boolean isPublic() {
    return isPublic(Optional.empty());
  }

  /** {@link #isPublic()}, but an address inside {@code privateCidr} (the tailnet) is private. */
  public boolean isPublic(Optional<String> privateCidr) {
    return BindAddress.isPublic(Interpolation.resolveDefaults(hostIp), privateCidr);
  }

  /** The host port with interpolation defaults applied, e.g. {@code 8642}. */
  public String publishedResolved() {
    return Interpolation.resolveDefaults(published);
  }

  /** {@code 8642/tcp} style label. */
  public String label() {
    String host = published.isEmpty() ? "(random)" : published;
    return (hostIp.isEmpty() ? "" : hostIp + ":") + host + "->" + target + "/" + protocol;
  }

  /**
   * Parses the short syntax {@code [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]}. IPv6 host
   * addresses should be bracketed ({@code [::1]:8642:8642}); a bare one is read as everything
   * before the last two fields, which is what a human most likely meant.
   */
  public static Optional<PortPublish> parseShort(String raw, int line) {
    String s = raw.strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    String protocol = "tcp";
    int slash = s.lastIndexOf('/');
    if (slash > s.lastIndexOf('}') && slash > s.lastIndexOf(':')) {
      protocol = s.substring(slash + 1).toLowerCase(Locale.ROOT);
      s = s.substring(0, slash);
    }
    List<String> parts = Interpolation.splitColons(s);
    String ip = "";
    String host = "";
    String target;
    int n = parts.size();
    if (n == 1) {
      target = parts.get(0);
    } else if (n == 2) {
      host = parts.get(0);
      target = parts.get(1);
    } else {
      ip = String.join(":", parts.subList(0, n - 2));
      host = parts.get(n - 2);
      target = parts.get(n - 1);
    }
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    return Optional.of(new PortPublish(ip, host, target, protocol, line, false));
  }
}
