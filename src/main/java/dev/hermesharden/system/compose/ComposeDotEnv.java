package dev.hermesharden.system.compose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The project's {@code .env} as compose reads it for interpolation (compose-go's {@code dotenv}):
 * {@code KEY=VALUE} or {@code export KEY=VALUE}, comments and blank lines skipped, single quotes
 * literal, double quotes with {@code \n}, {@code \"} and {@code \\} escapes, an unquoted value ends
 * at {@code " #"}; {@code ${VAR}} in an unquoted or double-quoted value is expanded from the keys
 * set before it; for a key set twice the last line wins.
 *
 * <p>Not {@code system/hermes/DotEnv}: that one is python-dotenv's reading of Hermes' own {@code
 * .env} (it expands inside single quotes too), and this package may not use that one.
 *
 * <p>Caveat: values continued over several lines inside quotes are read up to their line's end.
 */
public final class ComposeDotEnv {
  private ComposeDotEnv() {}

  /** The name of this parser for {@link dev.hermesharden.host.Host#parsed}. */
  public static final String KIND = "compose-dotenv";

  /** Key → value, in the order first set. */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text.split("\r?\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      out.put(key, value(value, out));
    }
    return out;
  }

  private static String value(String v, Map<String, String> before) {
    if (v.startsWith("'")) {
      int end = v.indexOf('\'', 1);
      return v.substring(1, end < 0 ? v.length() : end);
    }
    String s;
    if (v.startsWith("\"")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < v.length() && v.charAt(i) != '"'; i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length()) {
          char n = v.charAt(++i);
          b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
        } else {
          b.append(c);
        }
      }
      s = b.toString();
    } else {
      int hash = v.indexOf(" #");
      s = (hash < 0 ? v : v.substring(0, hash)).strip();
    }
    return Interpolation.resolveDefaults(Interpolation.substitute(s, before));
  }
}
