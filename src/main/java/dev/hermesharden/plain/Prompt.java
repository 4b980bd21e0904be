package dev.hermesharden.plain;

import dev.hermesharden.i18n.Messages;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * Asks the admin, one line at a time: a numbered choice with a default (Enter alone), {@code ?} for
 * help on what is being asked, {@code q} to quit; or free text. Ctrl-C and the end of input quit
 * too ({@link Quit}): the engine has saved every change already.
 */
final class Prompt {
  /** The admin quit (q, Ctrl-C, end of input). */
  static final class Quit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Quit() {
      super("quit", null, false, false);
    }
  }

  private final LineReader reader;
  private final PrintWriter out;
  private final Messages m;

  Prompt(LineReader reader, PrintWriter out, Messages m) {
    this.reader = reader;
    this.out = out;
    this.m = m;
  }

  /**
   * Numbered options, the default marked; returns the index chosen.
   *
   * @param help shown for {@code ?}, then the question is asked again
   */
  int choose(String question, List<String> options, int dflt, Runnable help) {
    while (true) {
      out.println(question);
      for (int i = 0; i < options.size(); i++) {
        out.println("  " + (i + 1) + ". " + options.get(i));
      }
      String answer = line(m.get("plain.choice", dflt + 1)).strip().toLowerCase(Locale.ROOT);
      if (answer.isEmpty()) {
        return dflt;
      }
      if (answer.equals("?")) {
        help.run();
        continue;
      }
      if (answer.equals("q")) {
        throw new Quit();
      }
      try {
        int n = Integer.parseInt(answer);
        if (n >= 1 && n <= options.size()) {
          return n - 1;
        }
      } catch (NumberFormatException e) {
        // told below
      }
      out.println(m.get("plain.choice.bad", options.size()));
    }
  }

  /** A line of free text (may be blank). */
  String text(String prompt) {
    return line(prompt);
  }

  private String line(String prompt) {
    out.flush();
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException | EndOfFileException e) {
      out.println();
      throw new Quit();
    }
  }
}
