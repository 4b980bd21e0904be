package dev.hermesharden.practice;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of apt's configuration syntax ({@code apt.conf(5)}) the practice VPS's files use —
 * {@code Key "value";}, {@code Key { … };} scopes and lists, {@code //} and {@code #} comments —
 * and {@code apt-config dump}'s output for it: each key once, in the order first set, a later file
 * overriding a value, list items as {@code Key:: "item";}.
 */
final class SimAptConf {
  private SimAptConf() {}

  static String dump(List<String> texts) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String text : texts) {
      parse(text, values, lists);
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      out.append(e.getKey()).append(" \"").append(e.getValue()).append("\";\n");
      for (String item : lists.getOrDefault(e.getKey(), List.of())) {
        out.append(e.getKey()).append(":: \"").append(item).append("\";\n");
      }
    }
    return out.toString();
  }

  private static void parse(
      String text, Map<String, String> values, Map<String, List<String>> lists) {
    Deque<String> scope = new ArrayDeque<>();
    List<String> tokens = tokens(text);
    String pending = null;
    for (String t : tokens) {
      if (t.equals("{")) {
        String key = scope.isEmpty() ? pending : scope.peek() + "::" + pending;
        declare(key, values);
        scope.push(key);
        pending = null;
      } else if (t.equals("}")) {
        scope.pop();
      } else if (t.equals(";")) {
        pending = null;
      } else if (t.startsWith("\"")) {
        String v = t.substring(1, t.length() - 1);
        if (pending == null && !scope.isEmpty()) {
          lists.computeIfAbsent(scope.peek(), k -> new ArrayList<>()).add(v);
        } else if (pending != null) {
          String key = scope.isEmpty() ? pending : scope.peek() + "::" + pending;
          declare(key, values);
          values.put(key, v);
        }
      } else {
        pending = t;
      }
    }
  }

  /** A key and its parents exist in the dump (with "") once anything below them is set. */
  private static void declare(String key, Map<String, String> values) {
    String[] parts = key.split("::");
    String k = "";
    for (String p : parts) {
      k = k.isEmpty() ? p : k + "::" + p;
      values.putIfAbsent(k, "");
    }
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#") || line.startsWith("//")) {
        continue;
      }
      int i = 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '/' && line.startsWith("//", i)) {
          break;
        } else if (c == '{' || c == '}' || c == ';') {
          out.add(String.valueOf(c));
          i++;
        } else if (c == '"') {
          int end = line.indexOf('"', i + 1);
          end = end < 0 ? line.length() - 1 : end;
          out.add(line.substring(i, end + 1));
          i = end + 1;
        } else {
          int j = i;
          while (j < line.length() && " \t{};\"".indexOf(line.charAt(j)) < 0) {
            j++;
          }
          out.add(line.substring(i, j));
          i = j;
        }
      }
    }
    return out;
  }
}
