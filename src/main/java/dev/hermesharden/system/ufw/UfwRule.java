package dev.hermesharden.system.ufw;

import dev.hermesharden.system.net.Cidr;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of {@code ufw status verbose} or {@code ufw status numbered}, as ufw prints it.
 *
 * <p>Caveat: application profiles are known by name only for {@code OpenSSH} (22/tcp); any other
 * profile name covers no port as far as this class can tell (the verbose layout prints the port,
 * e.g. {@code 22/tcp (OpenSSH)}, which is understood).
 *
 * @param number the rule number from {@code ufw status numbered}, 0 for the verbose layout
 * @param to the "To" column without the interface and "(v6)", e.g. {@code 22/tcp}, {@code Anywhere}
 * @param iface the interface of an {@code on IFACE} rule, if any
 * @param action {@code ALLOW}, {@code DENY}, {@code REJECT} or {@code LIMIT}
 * @param direction {@code IN}, {@code OUT}, {@code FWD}, or empty when ufw did not print one
 * @param from the "From" column without "(v6)", e.g. {@code Anywhere}, {@code 100.64.0.0/10}
 */
public record UfwRule(
    int number,
    String to,
    Optional<String> iface,
    String action,
    String direction,
    String from,
    boolean v6) {
  private static final Pattern PORT_SPEC =
      Pattern.compile("(?:(\\S+) )?([0-9,:]+)(?:/(tcp|udp))?(?: \\([^)]+\\))?");

  /** Whether the rule lets traffic in (ALLOW or LIMIT, incoming or unspecified). */
  public boolean admitsIncoming() {
    return (action.equals("ALLOW") || action.equals("LIMIT"))
        && (direction.isEmpty() || direction.equals("IN"));
  }

  public boolean fromAnywhere() {
    return from.equals("Anywhere");
  }

  /** Whether TCP traffic to {@code port} falls under the rule's "To" column. */
  public boolean coversTcpPort(int port) {
    if (to.equals("Anywhere") || Cidr.tryParse(to).isPresent()) {
      return true; // every port (of one address: ufw allow to 203.0.113.10)
    }
    if (to.equals("OpenSSH")) {
      return port == 22;
    }
    Matcher m = PORT_SPEC.matcher(to);
    if (!m.matches() || "udp".equals(m.group(3))) {
      return false;
    }
    for (String part : List.of(m.group(2).split(","))) {
      String[] range = part.split(":", 2);
      int lo = Integer.parseInt(range[0]);
      int hi = range.length == 2 ? Integer.parseInt(range[1]) : lo;
      if (port >= lo && port <= hi) {
        return true;
      }
    }
    return false;
  }

  /** The row as ufw would identify it in messages, e.g. {@code 22/tcp (v6) on tailscale0}. */
  public String label() {
    return to
        + (v6 ? " (v6)" : "")
        + iface.map(i -> " on " + i).orElse("")
        + " "
        + action
        + (direction.isEmpty() ? "" : " " + direction)
        + " "
        + from;
  }
}
