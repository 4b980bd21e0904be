package dev.hermesharden.host;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * The one place that quotes argv for a shell, in three forms.
 *
 * <p>{@link #quote}: one word as bash reads back exactly its bytes, for a script the tool writes
 * (the backup script): plain words stay as they are, anything else is single-quoted ({@code ''} for
 * an empty argument); a word with an ASCII control character goes in bash's {@code $'…'}, the
 * controls as {@code \n} or {@code \xNN}, every other character as it is.
 *
 * <p>{@link #join}: shows an argv the way a shell would need it typed, so a displayed command can
 * be copied and run by hand; as {@link #quote}, but a word holding any character a terminal acts on
 * ({@link #control}) goes in {@code $'…'} with those characters written out, so that the shown line
 * stays one line and says what it says.
 *
 * <p>{@link #visible}: free text from a host (a setting's value, a name, a file's line) with those
 * characters written the same way, so that it can neither send a terminal an escape sequence nor
 * start a line of its own when it is shown.
 *
 * <p>{@link #posixCommandLine}: the line a POSIX shell ({@code sh}, {@code dash}, {@code bash})
 * runs as exactly this argv. Only {@code SshHost} needs it: an SSH server runs every command
 * through the user's login shell, so the argv has to survive that shell unchanged. Local commands
 * never pass through a shell.
 */
public final class ShellQuoting {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuoting() {}

  /** One word as bash reads back exactly its bytes, in any locale (see the class comment). */
  public static String quote(String word) {
    return quoted(word, ShellQuoting::asciiControl);
  }

  /** One word shown as typed, with nothing in it a terminal would act on. */
  private static String shown(String word) {
    return quoted(word, ShellQuoting::control);
  }

  private static String quoted(String word, IntPredicate escape) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    if (word.chars().anyMatch(escape)) {
      return "$'" + escaped(word, escape, true) + "'";
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * {@code text} with each {@link #control} character but the tab as bash's {@code $'…'} would
   * write it ({@code \n}, {@code \r}, {@code \x1b}; above U+007F a backslash, {@code u} and four
   * hex digits), everything else as it is: what a host (or an account on it) wrote can be shown
   * without a terminal acting on it. (A tab moves the cursor to the next stop and nothing else:
   * shown text keeps it, for its columns.)
   */
  public static String visible(String text) {
    IntPredicate escape = c -> control(c) && c != '\t';
    return text.chars().anyMatch(escape) ? escaped(text, escape, false) : text;
  }

  /** C0 controls and DEL: what {@code \xNN} writes as exactly its byte in any locale. */
  private static boolean asciiControl(int c) {
    return c < 0x20 || c == 0x7f;
  }

  /**
   * What a terminal may act on instead of showing: C0 and C1 controls, DEL, and the Unicode marks
   * that reorder text on the screen (bidirectional overrides, embeddings, isolates and marks), with
   * which a line could be made to read as something it does not say.
   */
  static boolean control(int c) {
    return asciiControl(c)
        || (c >= 0x80 && c <= 0x9f)
        || c == 0x061c
        || c == 0x200e
        || c == 0x200f
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /**
   * bash's escapes for the characters {@code escape} names; within {@code $'…'} ({@code quoted})
   * also for the backslash and the quote.
   */
  private static String escaped(String text, IntPredicate escape, boolean quoted) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if (quoted && (c == '\\' || c == '\'')) {
        sb.append('\\').append(c);
      } else if (!escape.test(c)) {
        sb.append(c);
      } else {
        switch (c) {
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          case '\r' -> sb.append("\\r");
          default ->
              sb.append(
                  c < 0x80 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
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
      sb.append(shown(w));
    }
    return sb.toString();
  }
}
