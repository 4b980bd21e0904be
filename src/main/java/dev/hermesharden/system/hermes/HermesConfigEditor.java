package dev.hermesharden.system.hermes;

import dev.hermesharden.system.hermes.YamlLines.KeyLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sets one dotted key of Hermes' {@code config.yaml} to a scalar or a flow list, keeping every
 * other byte: comments, blank lines, key order, quoting, line endings. An existing value is
 * replaced in place (its inline comment kept, its quote style kept for strings); a missing key is
 * added at the end of its parent block, missing parents at the end of the file, indented like the
 * rest of the file. Commented-out lines are never touched.
 *
 * <p>Caveat: it understands block mappings only. It refuses flow mappings, anchors, aliases and
 * merge keys on the path, block scalars and several documents; and after every edit it re-parses
 * both versions and refuses unless exactly the target value changed.
 */
public final class HermesConfigEditor {
  private HermesConfigEditor() {}

  /**
   * @param value a String, Boolean, Integer, Double or List of Strings
   * @return the edited text (the same text when the value is already set)
   */
  public static String set(String text, String dottedKey, Object value)
      throws ConfigEditRefusedException {
    Object before = parse(text, dottedKey);
    YamlLines y = new YamlLines(text);
    refuseSeveralDocuments(y, dottedKey);
    List<String> path = Arrays.asList(dottedKey.split("\\."));
    boolean noFinalNewline = y.size() > 0 && y.ends.get(y.size() - 1).isEmpty();
    int parent = -1;
    for (int depth = 0; depth < path.size(); depth++) {
      KeyLine k = child(y, parent, path.get(depth), dottedKey);
      if (k == null) {
        insert(y, parent, path.subList(depth, path.size()), value, dottedKey);
        break;
      }
      String v = y.value(k);
      if (v.startsWith("&") || v.startsWith("*") || v.startsWith("!")) {
        throw new ConfigEditRefusedException(
            dottedKey, "anchor, alias or tag on '" + k.key() + "'");
      }
      if (v.startsWith("{")) {
        throw new ConfigEditRefusedException(dottedKey, "flow mapping at '" + k.key() + "'");
      }
      if (depth == path.size() - 1) {
        replace(y, k, value, dottedKey);
      } else if (!v.isEmpty()) {
        throw new ConfigEditRefusedException(dottedKey, "'" + k.key() + "' is not a mapping");
      }
      parent = k.line();
    }
    String out = y.text();
    if (noFinalNewline && !out.isEmpty() && out.endsWith("\n")) {
      out = out.substring(0, out.length() - (out.endsWith("\r\n") ? 2 : 1));
    }
    verify(before, out, path, value, dottedKey);
    return out;
  }

  private static KeyLine child(YamlLines y, int parent, String key, String dottedKey)
      throws ConfigEditRefusedException {
    int end = y.blockEnd(parent);
    int childIndent = -1;
    KeyLine found = null;
    for (int i = parent + 1; i < end; i++) {
      if (!y.structural(i)) {
        continue;
      }
      if (childIndent < 0) {
        childIndent = y.indent(i);
      }
      KeyLine k = y.keyLine(i);
      if (k == null || k.indent() != childIndent) {
        continue;
      }
      if (k.key().equals("<<")) {
        throw new ConfigEditRefusedException(dottedKey, "merge key on the path");
      }
      if (k.key().equals(key)) {
        if (found != null) {
          throw new ConfigEditRefusedException(dottedKey, "duplicate key '" + key + "'");
        }
        found = k;
      }
    }
    return found;
  }

  private static void replace(YamlLines y, KeyLine k, Object value, String dottedKey)
      throws ConfigEditRefusedException {
    String line = y.body.get(k.line());
    String rest = line.substring(k.valueStart());
    int vEnd = YamlScalars.valueEnd(rest);
    String old = rest.substring(0, vEnd);
    if (old.startsWith("|") || old.startsWith(">")) {
      throw new ConfigEditRefusedException(dottedKey, "block scalar");
    }
    int end = y.blockEnd(k.line());
    List<Integer> below = new ArrayList<>();
    for (int i = k.line() + 1; i < end; i++) {
      if (y.structural(i)) {
        below.add(i);
      }
    }
    if (!below.isEmpty()) {
      boolean sequence = y.body.get(below.get(0)).strip().startsWith("-");
      if (!(sequence && value instanceof List<?>)) {
        throw new ConfigEditRefusedException(dottedKey, "the value spans several lines");
      }
    }
    char style = old.startsWith("\"") ? '"' : old.startsWith("'") ? '\'' : 0;
    String rendered = YamlScalars.render(value, style);
    String head = line.substring(0, k.valueStart());
    String tail = rest.substring(vEnd);
    if (old.isEmpty()) {
      // "key:  # note" -> "key: value  # note"
      String colon = head.stripTrailing();
      tail = line.substring(colon.length());
      head = colon + " ";
    }
    y.body.set(k.line(), head + rendered + tail);
    for (int i = below.size() - 1; i >= 0; i--) {
      y.body.remove((int) below.get(i));
      y.ends.remove((int) below.get(i));
    }
    y.rescan();
  }

  private static void insert(
      YamlLines y, int parent, List<String> keys, Object value, String dottedKey) {
    int end = y.blockEnd(parent);
    int at = parent + 1;
    int childIndent = -1;
    for (int i = parent + 1; i < end; i++) {
      if (y.structural(i) || (y.indent(i) > 0 && !y.body.get(i).isBlank() && !isComment(y, i))) {
        at = i + 1;
        if (childIndent < 0 && y.structural(i)) {
          childIndent = y.indent(i);
        }
      }
    }
    if (parent < 0) {
      at = y.size(); // a new top-level block goes after everything, trailing comments included
    }
    int unit = indentUnit(y);
    if (childIndent < 0) {
      childIndent = parent < 0 ? 0 : y.indent(parent) + unit;
    }
    String eol = y.ends.contains("\r\n") ? "\r\n" : "\n";
    List<String> added = new ArrayList<>();
    if (parent < 0 && at == y.size() && y.size() > 0 && !y.body.get(y.size() - 1).isBlank()) {
      added.add("");
    }
    for (int d = 0; d < keys.size(); d++) {
      String pad = " ".repeat(childIndent + d * unit);
      boolean last = d == keys.size() - 1;
      added.add(pad + keys.get(d) + ":" + (last ? " " + YamlScalars.render(value, (char) 0) : ""));
    }
    if (at > 0 && y.ends.get(at - 1).isEmpty()) {
      y.ends.set(at - 1, eol);
    }
    for (int i = 0; i < added.size(); i++) {
      y.body.add(at + i, added.get(i));
      y.ends.add(at + i, eol);
    }
    y.rescan();
  }

  private static boolean isComment(YamlLines y, int i) {
    return y.body.get(i).strip().startsWith("#");
  }

  /** The smallest step by which the file indents a nested mapping; 2 when it has none. */
  private static int indentUnit(YamlLines y) {
    int unit = Integer.MAX_VALUE;
    int prev = -1;
    for (int i = 0; i < y.size(); i++) {
      if (y.structural(i)) {
        int ind = y.indent(i);
        if (prev >= 0 && ind > prev) {
          unit = Math.min(unit, ind - prev);
        }
        prev = ind;
      }
    }
    return unit == Integer.MAX_VALUE ? 2 : unit;
  }

  private static void refuseSeveralDocuments(YamlLines y, String dottedKey)
      throws ConfigEditRefusedException {
    boolean content = false;
    for (int i = 0; i < y.size(); i++) {
      String s = y.body.get(i);
      boolean marker = s.matches("(---|\\.\\.\\.)(\\s.*)?");
      if (marker && (content || !s.strip().equals("---"))) {
        throw new ConfigEditRefusedException(dottedKey, "several YAML documents");
      }
      content |= y.structural(i);
    }
  }

  private static Object parse(String text, String dottedKey) throws ConfigEditRefusedException {
    try {
      return HermesConfig.load(text);
    } catch (RuntimeException e) {
      throw new ConfigEditRefusedException(dottedKey, "not valid YAML: " + e.getMessage());
    }
  }

  private static void verify(
      Object before, String out, List<String> path, Object value, String dottedKey)
      throws ConfigEditRefusedException {
    Object expected = withValue(before, path, value);
    Object after = parse(out, dottedKey);
    if (!Objects.equals(expected, after)) {
      throw new ConfigEditRefusedException(
          dottedKey, "the edited file does not read back as intended");
    }
  }

  @SuppressWarnings("unchecked")
  private static Object withValue(Object tree, List<String> path, Object value) {
    Map<String, Object> copy =
        tree instanceof Map<?, ?> m
            ? new LinkedHashMap<>((Map<String, Object>) m)
            : new LinkedHashMap<>();
    if (path.size() == 1) {
      copy.put(path.get(0), value instanceof List<?> l ? new ArrayList<>(l) : value);
    } else {
      copy.put(path.get(0), withValue(copy.get(path.get(0)), path.subList(1, path.size()), value));
    }
    return copy;
  }
}
