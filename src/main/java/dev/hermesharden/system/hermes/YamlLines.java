package dev.hermesharden.system.hermes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML file as lines, understood just enough to find block-mapping keys by indentation. Comment
 * lines, blank lines and the insides of block scalars ({@code |}, {@code >}) and of multi-line flow
 * collections are never read as keys. Line endings are kept per line.
 */
final class YamlLines {
  private static final Pattern KEY =
      Pattern.compile(
          "^( *)(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'|[^\\s#'\"\\[\\]{},&*!|>%@`-][^#]*?|-[^\\s#][^#]*?) *:(?: +|$)(.*)$");

  /** A key line: where its value starts in the line, and the key without quotes. */
  record KeyLine(int line, int indent, String key, int valueStart) {}

  final List<String> body = new ArrayList<>();
  final List<String> ends = new ArrayList<>();
  private boolean[] opaque = new boolean[0];

  YamlLines(String text) {
    int i = 0;
    while (i < text.length()) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) {
        body.add(text.substring(i));
        ends.add("");
        break;
      }
      boolean crlf = nl > i && text.charAt(nl - 1) == '\r';
      body.add(text.substring(i, crlf ? nl - 1 : nl));
      ends.add(crlf ? "\r\n" : "\n");
      i = nl + 1;
    }
    rescan();
  }

  String text() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < body.size(); i++) {
      sb.append(body.get(i)).append(ends.get(i));
    }
    return sb.toString();
  }

  int size() {
    return body.size();
  }

  /** Not blank, not a comment, not inside a block scalar or flow collection. */
  boolean structural(int i) {
    String s = body.get(i).strip();
    return !opaque[i] && !s.isEmpty() && !s.startsWith("#");
  }

  int indent(int i) {
    String s = body.get(i);
    int n = 0;
    while (n < s.length() && s.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  KeyLine keyLine(int i) {
    if (!structural(i)) {
      return null;
    }
    Matcher m = KEY.matcher(body.get(i));
    if (!m.matches()) {
      return null;
    }
    String k = m.group(2).strip();
    if (k.startsWith("\"") || k.startsWith("'")) {
      k = k.substring(1, k.length() - 1);
    }
    return new KeyLine(i, m.group(1).length(), k, m.start(3));
  }

  /** The value text after the colon (without an inline comment). */
  String value(KeyLine k) {
    String rest = body.get(k.line()).substring(k.valueStart());
    return rest.substring(0, YamlScalars.valueEnd(rest));
  }

  /**
   * The exclusive end of the block a key line opens: the next structural line that is less
   * indented, or equally indented and not a sequence item of this key.
   */
  int blockEnd(int keyLine) {
    int ind = keyLine < 0 ? -1 : indent(keyLine);
    for (int j = keyLine + 1; j < size(); j++) {
      if (structural(j)
          && (indent(j) < ind || (indent(j) == ind && !body.get(j).strip().startsWith("-")))) {
        return j;
      }
    }
    return size();
  }

  /** Recomputes which lines are inside block scalars or multi-line flow collections. */
  void rescan() {
    opaque = new boolean[size()];
    int i = 0;
    while (i < size()) {
      String s = body.get(i);
      String stripped = s.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        i++;
        continue;
      }
      String v = valueOfAnyLine(s);
      int ind = indent(i);
      int j = i + 1;
      if (v.matches("[|>][-+0-9]*")) {
        while (j < size() && (body.get(j).isBlank() || indent(j) > ind)) {
          opaque[j++] = true;
        }
      } else if (v.startsWith("[") || v.startsWith("{")) {
        int depth = depth(v);
        while (depth > 0 && j < size()) {
          opaque[j] = true;
          depth += depth(body.get(j));
          j++;
        }
      }
      i = j;
    }
  }

  private static String valueOfAnyLine(String s) {
    String t = s.strip();
    if (t.startsWith("- ")) {
      t = t.substring(2).strip();
    }
    Matcher m = KEY.matcher(t);
    String rest = m.matches() ? m.group(3) : t;
    return rest.substring(0, YamlScalars.valueEnd(rest));
  }

  private static int depth(String s) {
    int d = 0;
    for (char c : s.toCharArray()) {
      if (c == '[' || c == '{') {
        d++;
      } else if (c == ']' || c == '}') {
        d--;
      }
    }
    return d;
  }
}
