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
 * <p>{@link #visible}: free text from a host (a setting's value, a name, a file's line) with its
 * control characters written the same way, so that it can neither send a terminal an escape
 * sequence nor start a line of its own when it is shown.
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
    if (word.chars().anyMatch(ShellQuoting::control)) {
      return "$'" + escaped(word, true) + "'";
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * {@code text} with each control character as bash's {@code $'…'} would write it ({@code \n},
   * {@code \t}, {@code \r}, {@code \x1b}; above U+00FF a backslash, {@code u} and four hex digits),
   * everything else as it is: what a host (or an account on it) wrote can be shown without a
   * terminal acting on it.
   */
  public static String visible(String text) {
    return text.chars().anyMatch(ShellQuoting::shownEscaped) ? escaped(text, false) : text;
  }

  /** A tab moves the cursor to the next stop and nothing else: shown text keeps it (columns). */
  private static boolean shownEscaped(int c) {
    return control(c) && c != '\t';
  }

  /**
   * What a terminal may act on instead of showing: C0 and C1 controls, DEL, and the Unicode marks
   * that reorder text on the screen (bidirectional overrides, embeddings, isolates and marks), with
   * which a line could be made to read as something it does not say.
   */
  static boolean control(int c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x061c
        || c == 0x200e
        || c == 0x200f
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /**
   * bash's escapes for the controls; within {@code $'…'} also for the backslash, the quote and the
   * tab (a tab pasted into a shell completes instead).
   */
  private static String escaped(String text, boolean quoted) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append(quoted ? "\\t" : "\t");
        case '\r' -> sb.append("\\r");
        case '\\', '\'' -> sb.append(quoted ? "\\" : "").append(c);
        default -> {
          if (!control(c)) {
            sb.append(c);
          } else if (c <= 0xff) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return sb.toString();
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
