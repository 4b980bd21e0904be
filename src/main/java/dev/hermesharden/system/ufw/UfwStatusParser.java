package dev.hermesharden.system.ufw;

import dev.hermesharden.system.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code ufw status verbose} and {@code ufw status numbered} (ufw 0.36). One
 * pass over the lines; each row is matched on its own, so long rule lists parse in linear time.
 *
 * <p>Caveat: rows are split on the action word, so a "To" column that itself contains the words
 * ALLOW/DENY/REJECT/LIMIT surrounded by spaces (not possible in ufw's syntax) would be misread.
 */
public final class UfwStatusParser {
  private static final Pattern ROW =
      Pattern.compile(
          "^(?:\\[\\s*(\\d+)\\]\\s)?\\s*(\\S.*?)\\s+(ALLOW|DENY|REJECT|LIMIT)(?: (IN|OUT|FWD))?"
              + "(?: \\(log(?:-all)?\\))?\\s+(\\S.*?)\\s*(?:#.*)?$");
  private static final Pattern DEFAULT_PART = Pattern.compile("\\s*(\\w+) \\((\\w+)\\)\\s*");
  private static final String V6 = " (v6)";

  private UfwStatusParser() {}

  /** The {@link dev.hermesharden.host.Host#parsed} kind of a {@code ufw status} text. */
  public static final String KIND = "ufw-status";

  /**
   * @throws IllegalArgumentException when the text does not start with a {@code Status:} line (e.g.
   *     "ERROR: You need to be root to run this script")
   */
  public static UfwStatus parse(String text) {
    String[] lines = text.split("\n");
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first == lines.length || !lines[first].startsWith("Status: ")) {
      throw new IllegalArgumentException("not ufw status output: " + text.strip());
    }
    boolean active = lines[first].substring("Status: ".length()).strip().equals("active");
    Optional<String> logging = Optional.empty();
    Map<String, String> defaults = new LinkedHashMap<>();
    List<UfwRule> rules = new ArrayList<>();
    boolean inTable = false;
    for (int i = first + 1; i < lines.length; i++) {
      String line = lines[i];
      if (!inTable) {
        if (line.startsWith("Logging: ")) {
          logging = Optional.of(line.substring("Logging: ".length()).strip());
        } else if (line.startsWith("Default: ")) {
          parseDefaults(line.substring("Default: ".length()), defaults);
        } else if (line.strip().startsWith("--")) {
          inTable = true; // the underline below "To  Action  From"
        }
      } else if (!line.isBlank()) {
        parseRow(line).ifPresent(rules::add);
      }
    }
    return new UfwStatus(active, logging, defaults, rules);
  }

  private static void parseDefaults(String text, Map<String, String> into) {
    for (String part : text.split(",")) {
      Matcher m = DEFAULT_PART.matcher(part);
      if (m.matches()) {
        into.put(m.group(2), m.group(1));
      }
    }
  }

  /** Whether a column's first word is an IPv6 address or network (not a port range as 22:30). */
  private static boolean namesV6(String column) {
    String word = column.strip().split("\\s+", 2)[0];
    return word.contains(":")
        && Cidr.tryParse(word).map(c -> c.network().length == 16).orElse(false);
  }

  static Optional<UfwRule> parseRow(String line) {
    Matcher m = ROW.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    int number = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    String to = m.group(2);
    String from = m.group(5);
    // ufw prints "(v6)" before the interface: "22/tcp (v6) on tailscale0"; a rule that names an
    // IPv6 address or network has no such mark ("22/tcp ALLOW IN 2001:db8:1::/64")
    boolean v6 = to.contains(V6) || from.contains(V6) || namesV6(to) || namesV6(from);
    to = to.replace(V6, "");
    from = from.replace(V6, "");
    Optional<String> iface = Optional.empty();
    int on = to.lastIndexOf(" on ");
    if (on >= 0) {
      iface = Optional.of(to.substring(on + 4).strip());
      to = to.substring(0, on);
    }
    String direction = m.group(4) == null ? "" : m.group(4);
    return Optional.of(new UfwRule(number, to, iface, m.group(3), direction, from, v6));
  }
}
