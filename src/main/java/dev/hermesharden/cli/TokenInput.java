package dev.hermesharden.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Reads the proof token from standard input: one line, at most {@link #MAX_CHARS} characters. The
 * token never travels on a command line, where every account on the server can read it ({@code
 * /proc/PID/cmdline}); a pipe or the admin's own terminal cannot be read by other accounts.
 *
 * <p>Over {@code ssh host command} the remote standard input is a pipe even when a person types
 * into it, so {@code confirm} cannot tell a person from a script: it always prompts on standard
 * error (which a script piping the token ignores). Caveat: nothing read here times out; closing the
 * connection (Ctrl-C, Ctrl-D) ends the wait.
 */
final class TokenInput {
  /** A token is 26 characters; pasted with spaces or dashes it stays far below this. */
  static final int MAX_CHARS = 200;

  private TokenInput() {}

  /**
   * The first line, stripped; empty at end of input or for a blank line. A longer line is cut at
   * {@link #MAX_CHARS} (it is no token then, and is refused as one).
   */
  static Optional<String> readLine(Reader in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while (sb.length() < MAX_CHARS && (c = in.read()) != -1 && c != '\n') {
      sb.append((char) c);
    }
    String line = sb.toString().strip();
    return line.isEmpty() ? Optional.empty() : Optional.of(line);
  }
}
