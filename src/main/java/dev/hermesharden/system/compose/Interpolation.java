package dev.hermesharden.system.compose;

import java.util.ArrayList;
import java.util.List;

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
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
      } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        int end = closing(s, i + 1);
        String inner = s.substring(i + 2, Math.max(i + 2, end));
        int dash = inner.indexOf(":-");
        if (dash >= 0) {
          out.append(resolveDefaults(inner.substring(dash + 2)));
        } else if (inner.indexOf('-') > 0) {
          out.append(resolveDefaults(inner.substring(inner.indexOf('-') + 1)));
        }
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
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
