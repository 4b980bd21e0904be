package dev.hermesharden.words;

import java.util.ArrayList;
import java.util.List;

/**
 * Word-wraps text to a width (Lanterna's text box does not), keeping paragraph breaks and each
 * paragraph's own leading indentation. A word longer than a line is the only thing ever broken.
 */
public final class Wrap {
  private Wrap() {}

  /**
   * @param indent put before every continuation line of a paragraph (after its own indentation)
   */
  public static List<String> lines(String text, int width, String indent) {
    int w = Math.max(10, width);
    List<String> out = new ArrayList<>();
    for (String para : text.split("\n", -1)) {
      String lead = para.substring(0, para.length() - para.stripLeading().length());
      int room = Math.max(10, w - lead.length());
      StringBuilder line = new StringBuilder();
      List<String> wrapped = new ArrayList<>();
      for (String word : para.strip().split(" +")) {
        if (word.isEmpty()) {
          continue;
        }
        while (word.length() > room) {
          flush(wrapped, line);
          wrapped.add(word.substring(0, room));
          word = word.substring(room);
        }
        if (line.length() > 0 && line.length() + 1 + word.length() > room) {
          flush(wrapped, line);
          line.append(indent);
        }
        if (line.length() > 0 && !line.toString().equals(indent)) {
          line.append(' ');
        }
        line.append(word);
      }
      wrapped.add(line.toString());
      wrapped.forEach(l -> out.add(l.isEmpty() ? l : lead + l));
    }
    return out;
  }

  private static void flush(List<String> out, StringBuilder line) {
    if (line.length() > 0) {
      out.add(line.toString());
      line.setLength(0);
    }
  }

  public static String join(List<String> lines) {
    return String.join("\n", lines);
  }
}
