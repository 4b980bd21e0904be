package dev.hermesharden.system.sshd;

import dev.hermesharden.system.net.Cidr;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evaluates a Match line against a {@link MatchSpec} the way sshd does: every criterion must hold;
 * a pattern list matches when some entry matches and no negated ({@code !}) entry does. Supported:
 * {@code All}, {@code User}, {@code Group} (always false: group lookups need the host's user
 * database), {@code Host}, {@code Address}, {@code LocalAddress}, {@code LocalPort}. Anything else
 * does not match.
 */
final class MatchCriteria {
  private MatchCriteria() {}

  static boolean matches(String criteria, MatchSpec spec) {
    String[] t = criteria.strip().split("\\s+");
    if (t.length == 1 && t[0].equalsIgnoreCase("all")) {
      return true;
    }
    if (t.length == 0 || t.length % 2 != 0) {
      return false;
    }
    for (int i = 0; i < t.length; i += 2) {
      String list = t[i + 1];
      boolean ok =
          switch (t[i].toLowerCase(Locale.ROOT)) {
            case "user" -> patternList(spec.user(), list, false);
            case "host" -> patternList(spec.host(), list, true);
            case "address" -> addressList(spec.addr(), list);
            case "localaddress" -> spec.laddr().map(a -> addressList(a, list)).orElse(false);
            case "localport" -> spec.lport().map(p -> patternList(p, list, false)).orElse(false);
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static boolean patternList(String value, String list, boolean ignoreCase) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    boolean positive = false;
    for (String raw : list.split(",")) {
      boolean negated = raw.startsWith("!");
      String p = negated ? raw.substring(1) : raw;
      if (ignoreCase) {
        p = p.toLowerCase(Locale.ROOT);
      }
      if (wildcard(p).matcher(v).matches()) {
        if (negated) {
          return false;
        }
        positive = true;
      }
    }
    return positive;
  }

  static boolean addressList(String addr, String list) {
    if (addr == null || addr.isEmpty()) {
      return false;
    }
    boolean positive = false;
    for (String raw : list.split(",")) {
      boolean negated = raw.startsWith("!");
      String p = negated ? raw.substring(1) : raw;
      Optional<Cidr> net = Cidr.tryParse(p);
      boolean hit =
          net.isPresent() ? net.get().contains(addr) : wildcard(p).matcher(addr).matches();
      if (hit) {
        if (negated) {
          return false;
        }
        positive = true;
      }
    }
    return positive;
  }

  static Pattern wildcard(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
