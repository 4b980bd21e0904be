package dev.hermesharden.system.hermes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hermes' permanent {@code command_allowlist} as {@code tools/approval.py} reads and uses it.
 * {@code load_permanent_allowlist} takes {@code set(config.get("command_allowlist", []) or [])}: a
 * list gives its items, a string its characters (so {@code command_allowlist: "ls *"} holds a lone
 * {@code *}), a list holding a list or mapping raises and loads nothing. {@code
 * check_all_command_guards} then approves a command without asking, before any dangerous pattern is
 * looked at, when it has no shell operator and equals an entry or matches an entry with a wildcard
 * ({@code fnmatch.fnmatchcase}, both stripped). An entry that matches a shell or interpreter given
 * a command ({@code bash -c …}) lets every command through: the agent wraps it.
 */
public final class CommandAllowlist {
  /** Commands that run whatever command they are given, with no shell operator in the text. */
  static final List<String> RUN_ANYTHING =
      List.of(
          "sh -c 'rm -rf ~/x'",
          "bash -c 'rm -rf ~/x'",
          "python3 -c 'import os'",
          "perl -e 'unlink'",
          "env rm -rf ~/x",
          "sudo rm -rf /srv/x");

  private CommandAllowlist() {}

  /** The entries Hermes loads from the raw {@code command_allowlist} value. */
  public static List<String> entries(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> l) {
      for (Object e : l) {
        if (e instanceof List<?> || e instanceof Map<?, ?>) {
          return List.of(); // unhashable: set() raises, the loader's except keeps nothing
        }
        if (e instanceof String s) {
          out.add(s);
        }
      }
    } else if (value instanceof String s) {
      s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
    }
    return out;
  }

  /**
   * The 1-based positions of entries that approve a command which runs any other ({@link
   * #RUN_ANYTHING}): with one, Hermes asks before nothing the agent cares to wrap.
   */
  public static List<Integer> runsAnything(List<String> entries) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String p = entries.get(i).strip();
      if (!p.isEmpty()
          && p.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')
          && RUN_ANYTHING.stream().anyMatch(cmd -> fnmatch(p, cmd))) {
        out.add(i + 1);
      }
    }
    return out;
  }

  /** Python's {@code fnmatch.fnmatchcase}: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}. */
  static boolean fnmatch(String pattern, String text) {
    StringBuilder re = new StringBuilder();
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int j = i + 1;
        if (j < n && pattern.charAt(j) == '!') {
          j++;
        }
        if (j < n && pattern.charAt(j) == ']') {
          j++;
        }
        while (j < n && pattern.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          re.append("\\[");
        } else {
          String set = pattern.substring(i + 1, j);
          StringBuilder cls = new StringBuilder("[");
          int k = 0;
          if (set.startsWith("!")) {
            cls.append('^');
            k = 1;
          }
          for (; k < set.length(); k++) {
            char s = set.charAt(k);
            cls.append(
                s == '-' ? "-" : Character.isLetterOrDigit(s) ? String.valueOf(s) : "\\" + s);
          }
          re.append(cls).append(']');
          i = j;
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
  }
}
