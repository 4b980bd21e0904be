package dev.hermesharden.system.fail2ban;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fail2ban's jail configuration as the server merges it: {@code paths-common.conf}, {@code
 * paths-debian.conf} (included before jail.conf), {@code jail.conf}, {@code jail.d/*.conf}, {@code
 * jail.local}, {@code jail.d/*.local}; a later file overrides an earlier one key by key. A jail's
 * value falls back to {@code [DEFAULT]}; {@code %(name)s} and {@code %(section/name)s} references
 * ({@code default/} and {@code known/} meaning {@code [DEFAULT]}) are expanded.
 *
 * <p>Caveat: {@code [INCLUDES]} other than the paths files are not followed; {@code known/} is read
 * as the DEFAULT value, which is what it is unless a jail overrides an option twice.
 */
public final class JailConfig {
  public static final String DIR = "/etc/fail2ban";
  private static final Pattern REF = Pattern.compile("%\\((?:([^)/]+)/)?([^)/]+)\\)s");
  private final Map<String, Map<String, String>> sections;

  private JailConfig(Map<String, Map<String, String>> sections) {
    this.sections = sections;
  }

  /** Reads the files from the host in fail2ban's order. */
  public static JailConfig read(Host host) throws HostException {
    List<String> texts = new ArrayList<>();
    for (String p : paths(host.listDirectory(DIR + "/jail.d"))) {
      host.readFile(p).ifPresent(texts::add);
    }
    return parse(texts);
  }

  /** The files fail2ban reads, in order, given the names in {@code jail.d}. */
  public static List<String> paths(List<String> dropIns) {
    List<String> paths = new ArrayList<>();
    paths.add(DIR + "/paths-common.conf");
    paths.add(DIR + "/paths-debian.conf");
    paths.add(DIR + "/jail.conf");
    dropIns.stream()
        .sorted()
        .filter(n -> n.endsWith(".conf"))
        .forEach(n -> paths.add(DIR + "/jail.d/" + n));
    paths.add(DIR + "/jail.local");
    dropIns.stream()
        .sorted()
        .filter(n -> n.endsWith(".local"))
        .forEach(n -> paths.add(DIR + "/jail.d/" + n));
    return paths;
  }

  /** Names of the jail sections (everything but DEFAULT, INCLUDES, Definition, Init). */
  public List<String> jails() {
    return sections.keySet().stream()
        .filter(n -> !List.of("DEFAULT", "INCLUDES", "Definition", "Init").contains(n))
        .toList();
  }

  /** Merges ini texts, earliest first. */
  public static JailConfig parse(List<String> texts) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    for (String text : texts) {
      Map<String, String> current = null;
      String lastKey = null;
      for (String raw : text.split("\n")) {
        String line = raw.replaceAll("\\s+[#;].*$", "");
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
          continue;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
          current =
              sections.computeIfAbsent(
                  s.substring(1, s.length() - 1).strip(), k -> new HashMap<>());
          lastKey = null;
        } else if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
          current.merge(lastKey, s, (a, b) -> a.isEmpty() ? b : a + "\n" + b); // continuation
        } else if (current != null) {
          int eq = firstSeparator(s);
          if (eq > 0) {
            lastKey = s.substring(0, eq).strip();
            current.put(lastKey, s.substring(eq + 1).strip());
          }
        }
      }
    }
    return new JailConfig(sections);
  }

  /** The effective value of {@code key} for {@code jail}, with {@code [DEFAULT]} and references. */
  public Optional<String> get(String jail, String key) {
    return raw(jail, key).map(v -> expand(jail, v, 0));
  }

  public boolean enabled(String jail) {
    return get(jail, "enabled").map(v -> v.equalsIgnoreCase("true")).orElse(false);
  }

  private Optional<String> raw(String jail, String key) {
    Map<String, String> s = sections.getOrDefault(jail, Map.of());
    if (s.containsKey(key)) {
      return Optional.of(s.get(key));
    }
    return Optional.ofNullable(sections.getOrDefault("DEFAULT", Map.of()).get(key));
  }

  private String expand(String jail, String value, int depth) {
    if (depth > 10) {
      return value; // a reference loop; fail2ban itself would refuse to start
    }
    Matcher m = REF.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      // %(name)s: the jail's value (or DEFAULT's); %(default/name)s and %(known/name)s: the
      // DEFAULT section's; %(section/name)s: that section's (Debian's paths-common.conf needs it)
      String section = m.group(1);
      String name = m.group(2);
      String scope =
          section == null
              ? jail
              : section.equalsIgnoreCase("default") || section.equalsIgnoreCase("known")
                  ? "DEFAULT"
                  : section;
      String rep = raw(scope, name).map(v -> expand(scope, v, depth + 1)).orElse(m.group());
      m.appendReplacement(sb, Matcher.quoteReplacement(rep));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static int firstSeparator(String s) {
    int eq = s.indexOf('=');
    int colon = s.indexOf(':');
    if (eq < 0) {
      return colon;
    }
    return colon < 0 ? eq : Math.min(eq, colon);
  }
}
