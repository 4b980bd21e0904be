package dev.hermesharden.host;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place that quotes argv for a shell, in two forms.
 *
 * <p>{@link #join}: shows an argv the way a shell would need it typed, so a displayed command can
 * be copied and run by hand: plain words stay as they are, anything else is single-quoted ({@code
 * ''} for an empty argument; control characters in bash's {@code $'…'} so a line stays one line).
 *
 * <p>{@link #posixCommandLine}: the line a POSIX shell ({@code sh}, {@code dash}, {@code bash})
 * runs as exactly this argv. Only {@code SshHost} needs it: an SSH server runs every command
 * through the user's login shell, so the argv has to survive that shell unchanged. Local commands
 * never pass through a shell.
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

  /**
   * Every word in single quotes, a {@code '} inside written as {@code '\''}: within single quotes a
   * POSIX shell gives every byte its literal meaning (newlines, {@code $}, backquotes, {@code *},
   * backslashes included), and a quoted first word is never taken for an assignment or a keyword.
   *
   * @throws IllegalArgumentException for an empty argv, or a word holding NUL (no argv can)
   */
  public static String posixCommandLine(List<String> argv) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty argv");
    }
    StringBuilder sb = new StringBuilder();
    for (String w : argv) {
      if (w.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("an argument holds NUL: " + quote(w.replace('\0', '?')));
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append('\'').append(w.replace("'", "'\\''")).append('\'');
    }
    return sb.toString();
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
