package dev.hermesharden.system.hermes;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes and splits single YAML values on one line: renders a scalar or a flow list in a given
 * quoting style, and splits {@code value # comment} so an inline comment survives an edit.
 */
final class YamlScalars {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@+-][A-Za-z0-9_./@+ -]*");

  private YamlScalars() {}

  /** [start, end) of the value within {@code rest}; what follows is spaces and a comment. */
  static int valueEnd(String rest) {
    if (rest.startsWith("\"")) {
      for (int i = 1; i < rest.length(); i++) {
        char c = rest.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          return i + 1;
        }
      }
      return rest.length();
    }
    if (rest.startsWith("'")) {
      for (int i = 1; i < rest.length(); i++) {
        if (rest.charAt(i) == '\'') {
          if (i + 1 < rest.length() && rest.charAt(i + 1) == '\'') {
            i++;
          } else {
            return i + 1;
          }
        }
      }
      return rest.length();
    }
    int end = rest.length();
    for (int i = 0; i < rest.length(); i++) {
      if (rest.charAt(i) == '#' && (i == 0 || Character.isWhitespace(rest.charAt(i - 1)))) {
        end = i;
        break;
      }
    }
    while (end > 0 && Character.isWhitespace(rest.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  /**
   * Renders a value. Strings keep the old value's quote style ({@code '"'}, {@code '\''}, or {@code
   * 0} for plain); a plain string that YAML would read as something else gets quoted.
   */
  static String render(Object value, char style) {
    if (value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    if (value instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(render(String.valueOf(l.get(i)), '"'));
      }
      return sb.append(']').toString();
    }
    String s = String.valueOf(value);
    if (style == '\'') {
      return "'" + s.replace("'", "''") + "'";
    }
    if (style == 0 && readsAsItself(s)) {
      return s;
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static boolean readsAsItself(String s) {
    if (!PLAIN.matcher(s).matches() || s.endsWith(" ")) {
      return false;
    }
    Object loaded = HermesConfig.load("k: " + s);
    return loaded instanceof Map<?, ?> m && s.equals(m.get("k"));
  }
}
