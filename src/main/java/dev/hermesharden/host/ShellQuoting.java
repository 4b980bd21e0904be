package dev.hermesharden.host;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Shows an argv the way a POSIX shell would need it typed, so a displayed command can be copied and
 * run by hand: plain words stay as they are, anything else is single-quoted ({@code ''} for an
 * empty argument). This is the one place that quotes; commands themselves are always run as argv
 * lists and never pass through a shell.
 */
public final class ShellQuoting {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuoting() {}

  public static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    if (word.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return ansiC(word);
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** bash's {@code $'…'} form, so a tab or newline stays visible and the line stays one line. */
  private static String ansiC(String word) {
    StringBuilder sb = new StringBuilder("$'");
    for (char c : word.toCharArray()) {
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('\'').toString();
  }

  public static String join(List<String> argv) {
    StringBuilder sb = new StringBuilder();
    for (String w : argv) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(quote(w));
    }
    return sb.toString();
  }
}
