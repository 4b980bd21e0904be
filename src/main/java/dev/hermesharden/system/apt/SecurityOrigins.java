package dev.hermesharden.system.apt;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether unattended-upgrades' origin lists let the distribution's security updates through, read
 * as unattended-upgrades 2.x reads them: an {@code Unattended-Upgrade::Allowed-Origins} item {@code
 * ORIGIN:SUITE} (or {@code ORIGIN SUITE}) becomes the pattern {@code o=ORIGIN,a=SUITE}; an {@code
 * Origins-Pattern} item is {@code key=value} pairs separated by commas ({@code origin}/{@code o},
 * {@code archive}/{@code suite}/{@code a}, {@code codename}/{@code n}, {@code label}/{@code l},
 * {@code component}/{@code c}), each value an fnmatch pattern ({@code *}, {@code ?};
 * case-sensitive, as Python's fnmatch on Linux); both may use {@code ${distro_id}} and {@code
 * ${distro_codename}}.
 *
 * <p>The security archive's attributes are those of its Release file: Debian's is {@code Origin:
 * Debian}, {@code Label: Debian-Security}, {@code Codename: CODENAME-security} and a {@code Suite}
 * that moves with the release ({@code stable-security}, then {@code oldstable-security}: read from
 * apt's lists, {@link #suiteFromRelease}; unknown, no suite pattern matches); Ubuntu's is {@code
 * Origin: Ubuntu}, {@code Label: Ubuntu}, {@code Suite: CODENAME-security}, {@code Codename:
 * CODENAME}.
 */
public final class SecurityOrigins {
  private SecurityOrigins() {}

  /** The security archive's Release attributes that a pattern can name (empty: unknown). */
  record Archive(String origin, String label, String suite, String codename) {
    static Archive of(String distroId, String codename, Optional<String> debianSuite) {
      return distroId.equals("Ubuntu")
          ? new Archive("Ubuntu", "Ubuntu", codename + "-security", codename)
          : new Archive(
              distroId, distroId + "-Security", debianSuite.orElse(""), codename + "-security");
    }
  }

  /**
   * @param distroId as unattended-upgrades names it ({@code Debian}, {@code Ubuntu})
   * @param debianSuite the {@code Suite} of Debian's security archive as apt's lists say, if known
   * @return the first item that allows the security archive, or "" when none does
   */
  public static String covering(
      String distroId,
      String codename,
      Optional<String> debianSuite,
      List<String> allowedOrigins,
      List<String> patterns) {
    Archive security = Archive.of(distroId, codename, debianSuite);
    for (String item : allowedOrigins) {
      String[] parts = expand(item, distroId, codename).split("(?<!\\\\):", -1);
      if (parts.length == 1) {
        parts = parts[0].strip().split("\\s+");
      }
      // unattended-upgrades stops with an error on any other shape
      if (parts.length == 2
          && allows(
              Map.of("o", parts[0].replace("\\:", ":").strip(), "a", parts[1].strip()), security)) {
        return item;
      }
    }
    for (String item : patterns) {
      if (allows(pairs(expand(item, distroId, codename)), security)) {
        return item;
      }
    }
    return "";
  }

  /** The {@code Suite:} field of a Release or InRelease file. */
  public static Optional<String> suiteFromRelease(String text) {
    for (String line : text.split("\n")) {
      if (line.startsWith("Suite:")) {
        return Optional.of(line.substring("Suite:".length()).strip());
      }
    }
    return Optional.empty();
  }

  /**
   * A pattern allows the security archive when every key it names matches that archive's attributes
   * (so {@code origin=Debian} alone allows it too). A key this class does not know (site …), or an
   * attribute not known here, is taken as not matching: an alarm, never a false pass.
   */
  private static boolean allows(Map<String, String> kv, Archive a) {
    if (kv.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, String> e : kv.entrySet()) {
      String v = e.getValue();
      boolean ok =
          switch (e.getKey()) {
            case "o" -> glob(v, a.origin());
            case "a" -> !a.suite().isEmpty() && glob(v, a.suite());
            case "n" -> glob(v, a.codename());
            case "l" -> glob(v, a.label());
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
            case "component" -> "c";
            case "codename" -> "n";
            case "label" -> "l";
            default -> k;
          };
      out.put(key, part.substring(eq + 1).strip());
    }
    return out;
  }

  /**
   * fnmatch as unattended-upgrades uses it: {@code *} and {@code ?}, case-sensitive (Python's
   * fnmatch on Linux). A {@code [} is taken literally: a class never matches here (an alarm).
   */
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
    return Pattern.compile(re.toString()).matcher(value).matches();
  }
}
