package dev.hermesharden.system.sshd;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The connection sshd is asked about with {@code sshd -T -C user=…,host=…,addr=…}. {@code laddr}
 * and {@code lport} are optional; a Match criterion about a missing field does not match.
 */
public record MatchSpec(
    String user, String host, String addr, Optional<String> laddr, Optional<String> lport) {

  public static MatchSpec of(String user, String host, String addr) {
    return new MatchSpec(user, host, addr, Optional.empty(), Optional.empty());
  }

  /** Parses the argument of {@code -C}: comma-separated {@code key=value} pairs. */
  public static MatchSpec parse(String spec) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        kv.put(
            part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
      }
    }
    return new MatchSpec(
        kv.getOrDefault("user", ""),
        kv.getOrDefault("host", ""),
        kv.getOrDefault("addr", ""),
        Optional.ofNullable(kv.get("laddr")),
        Optional.ofNullable(kv.get("lport")));
  }

  /** The argument for {@code sshd -T -C}. */
  public String toArgument() {
    StringBuilder sb = new StringBuilder("user=" + user + ",host=" + host + ",addr=" + addr);
    laddr.ifPresent(a -> sb.append(",laddr=").append(a));
    lport.ifPresent(p -> sb.append(",lport=").append(p));
    return sb.toString();
  }
}
