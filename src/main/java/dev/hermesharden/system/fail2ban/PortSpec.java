package dev.hermesharden.system.fail2ban;

import java.util.Locale;
import java.util.Map;

/**
 * A jail's {@code port} as its ban action uses it: numbers, service names, {@code a:b} ranges and
 * comma lists ({@code ssh}, {@code 22,2222}, {@code 0:65535}). Service names are those of {@code
 * /etc/services} when known, else the few that sshd jails use.
 */
public final class PortSpec {
  private static final Map<String, Integer> KNOWN = Map.of("ssh", 22, "http", 80, "https", 443);

  private PortSpec() {}

  /** Whether the spec covers {@code port}; {@code services} maps names to ports. */
  public static boolean covers(String spec, int port, Map<String, Integer> services) {
    for (String part : spec.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
      if (part.isEmpty()) {
        continue;
      }
      String[] range = part.split(":", 2);
      Integer lo = number(range[0], services);
      Integer hi = range.length == 2 ? number(range[1], services) : lo;
      if (lo != null && hi != null && port >= lo && port <= hi) {
        return true;
      }
    }
    return false;
  }

  private static Integer number(String s, Map<String, Integer> services) {
    if (s.matches("\\d{1,5}")) {
      return Integer.parseInt(s);
    }
    Integer known = services.get(s);
    return known != null ? known : KNOWN.get(s);
  }

  /** {@code /etc/services} lines ({@code ssh 22/tcp}) to a name → port map (tcp only). */
  public static Map<String, Integer> services(String text) {
    Map<String, Integer> out = new java.util.HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.replaceAll("#.*", "").strip().split("\\s+");
      if (f.length >= 2 && f[1].endsWith("/tcp") && f[1].split("/")[0].matches("\\d{1,5}")) {
        int port = Integer.parseInt(f[1].split("/")[0]);
        out.putIfAbsent(f[0], port);
        for (int i = 2; i < f.length; i++) {
          out.putIfAbsent(f[i], port);
        }
      }
    }
    return out;
  }
}
