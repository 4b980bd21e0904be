package dev.hermesharden.tui;

import java.util.ArrayList;
import java.util.List;

/** Word-wraps text to a width (Lanterna's text box does not), keeping paragraph breaks. */
final class Wrap {
  private Wrap() {}

  static List<String> lines(String text, int width, String indent) {
    int w = Math.max(10, width);
    List<String> out = new ArrayList<>();
    for (String para : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : para.split(" +")) {
        if (word.isEmpty()) {
          continue;
        }
        while (word.length() > w) {
          flush(out, line);
          out.add(word.substring(0, w));
          word = word.substring(w);
        }
        if (line.length() > 0 && line.length() + 1 + word.length() > w) {
          flush(out, line);
          line.append(indent);
        }
        if (line.length() > 0 && !line.toString().equals(indent)) {
          line.append(' ');
        }
        line.append(word);
      }
      out.add(line.toString());
    }
    return out;
  }

  private static void flush(List<String> out, StringBuilder line) {
    if (line.length() > 0) {
      out.add(line.toString());
      line.setLength(0);
    }
  }

  static String join(List<String> lines) {
    return String.join("\n", lines);
  }
}
