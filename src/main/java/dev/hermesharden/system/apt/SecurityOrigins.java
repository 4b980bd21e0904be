package dev.hermesharden.system.apt;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether unattended-upgrades' origin lists let the distribution's security updates through, read
 * as unattended-upgrades reads them: {@code Unattended-Upgrade::Allowed-Origins} items are {@code
 * ORIGIN:ARCHIVE}, {@code Origins-Pattern} items are {@code key=value} pairs separated by commas
 * ({@code origin}/{@code o}, {@code archive}/{@code a}, {@code codename}/{@code n}, {@code
 * label}/{@code l}), values may use {@code *} and {@code ?}; both may use {@code ${distro_id}} and
 * {@code ${distro_codename}}.
 *
 * <p>The security origin is Debian's {@code origin=Debian,codename=CODENAME-security} (label {@code
 * Debian-Security}) or Ubuntu's {@code Ubuntu:CODENAME-security}.
 */
public final class SecurityOrigins {
  private SecurityOrigins() {}

  /**
   * @param distroId as unattended-upgrades names it ({@code Debian}, {@code Ubuntu})
   * @return the first item that allows the security archive, or "" when none does
   */
  public static String covering(
      String distroId, String codename, List<String> allowedOrigins, List<String> patterns) {
    String security = codename + "-security";
    for (String item : allowedOrigins) {
      String s = expand(item, distroId, codename);
      int colon = s.lastIndexOf(':');
      if (colon > 0
          && s.substring(0, colon).equalsIgnoreCase(distroId)
          && s.substring(colon + 1).equalsIgnoreCase(security)) {
        return item;
      }
    }
    for (String item : patterns) {
      if (allows(pairs(expand(item, distroId, codename)), distroId, security)) {
        return item;
      }
    }
    return "";
  }

  /**
   * A pattern allows the security archive when every key it names matches that archive's attributes
   * (so {@code origin=Debian} alone allows it too). A key this class does not know (site …) is
   * taken as not matching: an alarm, never a false pass.
   */
  private static boolean allows(Map<String, String> kv, String distroId, String security) {
    if (kv.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, String> e : kv.entrySet()) {
      String v = e.getValue();
      boolean ok =
          switch (e.getKey()) {
            case "o" -> glob(v, distroId);
            case "a", "n" -> glob(v, security);
            // Debian labels its security archive Debian-Security, Ubuntu keeps "Ubuntu"
            case "l" -> glob(v, distroId + "-Security") || glob(v, distroId);
            case "c" -> glob(v, "main");
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String expand(String s, String distroId, String codename) {
    return s.replace("${distro_id}", distroId).replace("${distro_codename}", codename);
  }

  private static Map<String, String> pairs(String item) {
    Map<String, String> out = new HashMap<>();
    for (String part : item.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String k = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String key =
          switch (k) {
            case "origin" -> "o";
            case "archive", "suite" -> "a";
            case "codename" -> "n";
            case "label" -> "l";
            default -> k;
          };
      out.put(key, part.substring(eq + 1).strip());
    }
    return out;
  }

  /** fnmatch as unattended-upgrades uses it: {@code *} and {@code ?}, case-insensitive here. */
  static boolean glob(String pattern, String value) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(
          switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf(c));
          });
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE).matcher(value).matches();
  }
}
