package dev.hermesharden.system.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compose's {@code ${VAR}} interpolation, as far as a reader without the deploy-time environment
 * can go: a {@code ${VAR:-default}} or {@code ${VAR-default}} stands for its default, anything else
 * for the empty text. Also splits a short-syntax field on {@code :} outside {@code ${…}} and {@code
 * […]}.
 *
 * <p>Caveat: the real value comes from the shell or a {@code .env} beside the compose file at
 * {@code up} time; this is the value a file left alone would get.
 */
public final class Interpolation {
  private Interpolation() {}

  /** Replaces each {@code ${…}} by its default (or nothing) and {@code $$} by {@code $}. */
  public static String resolveDefaults(String s) {
    if (s.indexOf('$') < 0) {
      return s;
    }
    return scan(
        s,
        "$",
        new Reference() {
          @Override
          public String braced(String inner, String written) {
            int dash = inner.indexOf(":-");
            if (dash >= 0) {
              return resolveDefaults(inner.substring(dash + 2));
            }
            return inner.indexOf('-') > 0
                ? resolveDefaults(inner.substring(inner.indexOf('-') + 1))
                : "";
          }

          @Override
          public String bare(String name) {
            return "$" + name;
          }
        });
  }

  /**
   * Puts in the values compose takes from the project's {@code .env} ({@code variables}), with
   * compose's rules: {@code ${VAR}} and {@code $VAR} are the value, {@code ${VAR:-d}} the value
   * unless it is empty, {@code ${VAR-d}} the value, {@code ${VAR:+a}} / {@code ${VAR+a}} the
   * alternative; a reference to a variable the file does not set stays as written, for {@link
   * #resolveDefaults}. A {@code $} in a value is written {@code $$}, so it stays a {@code $}.
   *
   * <p>Why: {@code "${HERMES_BIND:-127.0.0.1}:8642:8642"} with {@code HERMES_BIND=0.0.0.0} in
   * {@code .env} is published on every address (a connection from the workstation reached it); read
   * by its default it passed.
   */
  public static String substitute(String s, Map<String, String> variables) {
    if (variables.isEmpty() || s.indexOf('$') < 0) {
      return s;
    }
    return scan(
        s,
        "$$",
        new Reference() {
          @Override
          public String braced(String inner, String written) {
            int n = nameLength(inner, 0);
            String name = inner.substring(0, n);
            return variables.containsKey(name)
                ? Interpolation.braced(variables.get(name), inner.substring(n), variables)
                : written;
          }

          @Override
          public String bare(String name) {
            return variables.containsKey(name)
                ? variables.get(name).replace("$", "$$")
                : "$" + name;
          }
        });
  }

  /**
   * What one reference becomes: a braced one by its inner text, a bare {@code $NAME} by its name.
   */
  private interface Reference {
    /**
     * @param inner the text between {@code ${} and its {@code }}
     * @param written the reference as written, braces included
     */
    String braced(String inner, String written);

    String bare(String name);
  }

  /** The one walk over a value's text: {@code $$}, {@code ${…}} (nested) and {@code $NAME}. */
  private static String scan(String s, String dollarDollar, Reference ref) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
        out.append(dollarDollar);
        i += 2;
      } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        int end = closing(s, i + 1);
        String inner = s.substring(i + 2, Math.max(i + 2, end));
        out.append(ref.braced(inner, s.substring(i, Math.min(s.length(), end + 1))));
        i = end + 1;
      } else if (c == '$' && nameLength(s, i + 1) > 0) {
        String name = s.substring(i + 1, i + 1 + nameLength(s, i + 1));
        out.append(ref.bare(name));
        i += 1 + name.length();
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** {@code ${NAME OP}} of a set variable, {@code op} being what follows the name. */
  private static String braced(String value, String op, Map<String, String> variables) {
    String v = value.replace("$", "$$");
    if (op.startsWith(":-")) {
      return value.isEmpty() ? substitute(op.substring(2), variables) : v;
    }
    if (op.startsWith(":+")) {
      return value.isEmpty() ? "" : substitute(op.substring(2), variables);
    }
    if (op.startsWith("+")) {
      return substitute(op.substring(1), variables);
    }
    return v; // "", "-d", ":?err", "?err": the value itself
  }

  /** How many characters of a variable name start at {@code from}. */
  private static int nameLength(String s, int from) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '_'
          || c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || i > from && c >= '0' && c <= '9')) {
        break;
      }
      i++;
    }
    return i - from;
  }

  /** Whether the text holds an interpolation. */
  public static boolean isReference(String s) {
    String t = s.strip();
    return t.startsWith("${") && t.endsWith("}") || t.matches("\\$[A-Za-z_][A-Za-z0-9_]*");
  }

  /** Splits on {@code :} that stand outside {@code ${…}} and {@code […]}. */
  static List<String> splitColons(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean bracket = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        depth++;
        i++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == '[' && depth == 0) {
        bracket = true;
      } else if (c == ']' && depth == 0) {
        bracket = false;
      } else if (c == ':' && depth == 0 && !bracket) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  private static int closing(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      if (s.charAt(i) == '{') {
        depth++;
      } else if (s.charAt(i) == '}' && --depth == 0) {
        return i;
      }
    }
    return s.length() - 1;
  }
}
