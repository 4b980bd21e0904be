package dev.hermesharden.system.hermes;

import java.util.regex.Matcher;

/**
 * Sets or removes one key of a {@code .env} file, leaving every other line byte-for-byte (CRLF
 * endings and a missing final newline included). A removed key is commented out with the prefix
 * {@link #REMOVED} instead of deleted, so the admin sees what was there and can take it back.
 *
 * <p>Caveat: a key set twice is changed on its last line (the one python-dotenv uses); removing a
 * key comments out every line that assigns it.
 */
public final class DotEnvEditor {
  public static final String REMOVED = "# hermes-harden: ";

  private DotEnvEditor() {}

  /**
   * Sets a key: in place on its last assignment (keeping {@code export} and quoting) or appended.
   */
  public static String set(String text, String key, String value) {
    DotEnv env = DotEnv.parse(text);
    String[] lines = text.split("\n", -1);
    DotEnv.Entry target = null;
    for (DotEnv.Entry e : env.entries()) {
      if (e.key().equals(key)) {
        target = e;
      }
    }
    if (target != null) {
      String l = lines[target.line()];
      boolean cr = l.endsWith("\r");
      // a lone CR ends a line for python-dotenv: the last part that assigns the key is changed
      String[] parts = (cr ? l.substring(0, l.length() - 1) : l).split("\r", -1);
      for (int i = parts.length - 1; i >= 0; i--) {
        Matcher m = DotEnv.LINE.matcher(parts[i]);
        if (m.matches() && DotEnv.key(m.group(2)).equals(key)) {
          String rendered = render(value, target.quote());
          parts[i] =
              m.group(1) + m.group(2) + m.group(3) + rendered + comment(m.group(4), target.quote());
          lines[target.line()] = String.join("\r", parts) + (cr ? "\r" : "");
          return String.join("\n", lines);
        }
      }
      throw new IllegalStateException("line no longer parses");
    }
    String eol = text.contains("\r\n") ? "\r\n" : "\n";
    String line = key + "=" + render(value, (char) 0);
    if (text.isEmpty()) {
      return line + eol;
    }
    if (text.endsWith("\n")) {
      return text + line + eol;
    }
    // keep the file's style: no newline after the last line
    return text + eol + line;
  }

  /** Comments out every assignment of a key; the text is unchanged when the key is absent. */
  public static String remove(String text, String key) {
    String[] lines = text.split("\n", -1);
    for (DotEnv.Entry e : DotEnv.parse(text).entries()) {
      if (e.key().equals(key)) {
        lines[e.line()] = commentOut(lines[e.line()], key);
      }
    }
    return String.join("\n", lines);
  }

  /**
   * The line with every part that assigns {@code key} commented out (parts: split at a lone CR).
   */
  private static String commentOut(String line, String key) {
    boolean cr = line.endsWith("\r");
    String[] parts = (cr ? line.substring(0, line.length() - 1) : line).split("\r", -1);
    for (int i = 0; i < parts.length; i++) {
      Matcher m = DotEnv.LINE.matcher(parts[i]);
      if (m.matches() && DotEnv.key(m.group(2)).equals(key)) {
        parts[i] = REMOVED + parts[i];
      }
    }
    return String.join("\r", parts) + (cr ? "\r" : "");
  }

  /** An inline comment after an unquoted value, kept when the value changes. */
  private static String comment(String raw, char quote) {
    if (quote != 0) {
      int close = raw.indexOf(quote, 1);
      return close < 0 ? "" : raw.substring(close + 1);
    }
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && i > 0 && Character.isWhitespace(raw.charAt(i - 1))) {
        int start = i;
        while (start > 0 && Character.isWhitespace(raw.charAt(start - 1))) {
          start--;
        }
        return raw.substring(start);
      }
    }
    return "";
  }

  private static String render(String value, char quote) {
    boolean plain = value.matches("[A-Za-z0-9_./:@+,=-]*");
    if (quote == '\'' && !value.contains("'")) {
      return "'" + value + "'";
    }
    if (quote == 0 && plain) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
