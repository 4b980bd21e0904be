package dev.hermesharden.checks.watch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands an apt configuration file makes apt run as root (apt.conf(5)): the values of {@code
 * DPkg::Pre-Invoke}, {@code DPkg::Post-Invoke}, {@code DPkg::Pre-Install-Pkgs}, {@code
 * APT::Update::Pre-Invoke}, {@code APT::Update::Post-Invoke-Success} and their kin (every key whose
 * last name ends in {@code -Invoke}, {@code -Invoke-Success}, {@code -Invoke-Failure} or {@code
 * -Install-Pkgs}), written flat ({@code A::B "v";}) or in scopes ({@code A { B { "v"; }; };}). apt
 * hands each to {@code sh -c}, as root, at every {@code apt update}/{@code install} and every run
 * of unattended-upgrades. Comments ({@code //}, C-style blocks, and lines starting with {@code #}:
 * {@code #clear}, {@code #include}) are skipped.
 *
 * <p>Caveat: a {@code #include} of another file is not followed, and keys are matched by their last
 * name alone (a hook under an unexpected scope is judged too: no false pass).
 */
final class AptHooks {
  private static final Pattern HOOK =
      Pattern.compile("(?i)(.*-invoke(-success|-failure)?|.*-install-pkgs)");

  private AptHooks() {}

  /** One hook command, the line its value starts on, and its full key. */
  record Command(int line, String key, String command) {}

  static List<Command> parse(String text) {
    List<Command> out = new ArrayList<>();
    Deque<String> scopes = new ArrayDeque<>();
    StringBuilder key = new StringBuilder();
    int line = 1;
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (c == '\n') {
        line++;
        lineStart = true;
        continue;
      }
      if (Character.isWhitespace(c)) {
        continue;
      }
      boolean first = lineStart;
      lineStart = false;
      if ((c == '#' && first) || (c == '/' && next == '/')) {
        int eol = text.indexOf('\n', i);
        i = (eol < 0 ? text.length() : eol) - 1;
      } else if (c == '/' && next == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? text.length() : end + 2;
        line += newlines(text, i, end);
        i = end - 1;
      } else if (c == '"') {
        int end = text.indexOf('"', i + 1);
        end = end < 0 ? text.length() : end;
        String full = full(scopes, key);
        if (HOOK.matcher(lastName(full)).matches()) {
          out.add(new Command(line, full, text.substring(i + 1, end)));
        }
        line += newlines(text, i, end);
        i = end;
      } else if (c == '{') {
        scopes.push(key.toString());
        key.setLength(0);
      } else if (c == '}') {
        scopes.poll();
        key.setLength(0);
      } else if (c == ';') {
        key.setLength(0);
      } else {
        key.append(c);
      }
    }
    return out;
  }

  /**
   * The absolute files a {@code #include FILE;} line names (apt reads them where they stand; a
   * directory's files too, which are judged as the file's own trust only).
   */
  static List<String> includes(String text) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n")) {
      var m = INCLUDE.matcher(l);
      if (m.matches()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static final Pattern INCLUDE =
      Pattern.compile("\\s*#include\\s+\"?(/[^\";\\s]+)\"?\\s*;?\\s*");

  private static String full(Deque<String> scopes, StringBuilder key) {
    List<String> names = new ArrayList<>();
    scopes.descendingIterator().forEachRemaining(names::add);
    names.add(key.toString());
    return String.join("::", names.stream().filter(n -> !n.isEmpty()).toList());
  }

  private static String lastName(String key) {
    String k = key.replaceAll("(::)+$", "");
    return k.substring(k.lastIndexOf(':') + 1);
  }

  private static int newlines(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to && i < text.length(); i++) {
      n += text.charAt(i) == '\n' ? 1 : 0;
    }
    return n;
  }
}
