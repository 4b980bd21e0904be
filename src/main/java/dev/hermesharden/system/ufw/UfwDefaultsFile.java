package dev.hermesharden.system.ufw;

import java.util.Optional;

/**
 * Reads and edits {@code /etc/default/ufw} ({@code KEY=value} shell-style lines), keeping every
 * other line, comment and the file's order as they are.
 */
public final class UfwDefaultsFile {
  public static final String PATH = "/etc/default/ufw";

  private UfwDefaultsFile() {}

  /** The value of {@code key} (quotes removed); the last assignment wins, as in a shell. */
  public static Optional<String> get(String text, String key) {
    Optional<String> value = Optional.empty();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.startsWith(key + "=")) {
        value = Optional.of(unquote(l.substring(key.length() + 1).strip()));
      }
    }
    return value;
  }

  /**
   * {@code text} with {@code key=value}: every assignment of the key rewritten, or one appended.
   */
  public static String set(String text, String key, String value) {
    StringBuilder out = new StringBuilder();
    boolean found = false;
    for (String line : text.split("\n", -1)) {
      if (line.strip().startsWith(key + "=")) {
        out.append(key).append('=').append(value).append('\n');
        found = true;
      } else {
        out.append(line).append('\n');
      }
    }
    out.setLength(out.length() - 1); // split(-1) adds one empty element after the final \n
    if (!found) {
      if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
      out.append(key).append('=').append(value).append('\n');
    }
    return out.toString();
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
