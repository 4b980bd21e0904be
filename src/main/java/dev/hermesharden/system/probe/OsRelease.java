package dev.hermesharden.system.probe;

import dev.hermesharden.host.HostFacts;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code os-release(5)}: {@code KEY=value} lines, the value optionally in double or single
 * quotes with backslash escapes inside double quotes; comments and blank lines are skipped.
 */
public final class OsRelease {
  private OsRelease() {}

  /** Empty when the text has none of ID, NAME or PRETTY_NAME (not an os-release file). */
  static Optional<HostFacts.Os> parse(String text) {
    Map<String, String> v = fields(text);
    String id = v.getOrDefault("ID", "");
    String name = v.getOrDefault("NAME", "");
    String pretty = v.getOrDefault("PRETTY_NAME", "");
    if (id.isEmpty() && name.isEmpty() && pretty.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new HostFacts.Os(id, v.getOrDefault("VERSION_ID", ""), pretty, name));
  }

  /** Every {@code KEY=value} of the text, values unquoted; later lines win. */
  public static Map<String, String> fields(String text) {
    Map<String, String> v = new HashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      int eq = line.indexOf('=');
      if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
        continue;
      }
      v.put(line.substring(0, eq), unquote(line.substring(eq + 1).strip()));
    }
    return v;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '"' && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replaceAll("\\\\([\"\\\\$`])", "$1");
    }
    if (s.length() >= 2 && s.charAt(0) == '\'' && s.endsWith("'")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
