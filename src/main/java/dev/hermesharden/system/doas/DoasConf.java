package dev.hermesharden.system.doas;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a {@code doas.conf} (OpenBSD's doas and Debian's {@code opendoas}), read as its
 * {@code parse.y} reads them: one rule a line ({@code \} continues it, {@code #} starts a comment,
 * {@code "…"} quotes, {@code \} escapes a character), {@code permit [OPTIONS] IDENTITY [as TARGET]
 * [cmd COMMAND [args …]]} or {@code deny IDENTITY …}, options {@code nopass nolog persist keepenv
 * setenv { … }}. An identity is a user name or uid, or {@code :GROUP} (name or gid).
 *
 * <p>doas applies the <em>last</em> rule that matches the user, target and command. A line that
 * does not parse makes doas refuse the whole file; here it is kept as a rule with {@link
 * Rule#malformed()} set, so that a reader can count it as a possible grant rather than trust a
 * reading doas may not share.
 */
public final class DoasConf {
  private static final Set<String> OPTIONS = Set.of("nopass", "nolog", "persist", "keepenv");

  private DoasConf() {}

  /**
   * One rule.
   *
   * @param target the {@code as} user, empty for any
   * @param command the {@code cmd} program, empty for any
   */
  public record Rule(
      int line,
      boolean permit,
      boolean noPass,
      String identity,
      Optional<String> target,
      Optional<String> command,
      boolean malformed) {
    /** Whether the identity is a group ({@code :NAME} or {@code :GID}). */
    public boolean group() {
      return identity.startsWith(":");
    }

    /** The identity without a group's {@code :}. */
    public String name() {
      return group() ? identity.substring(1) : identity;
    }
  }

  public static List<Rule> parse(String text) {
    List<Rule> out = new ArrayList<>();
    for (Line l : lines(text)) {
      if (!l.words().isEmpty()) {
        out.add(rule(l));
      }
    }
    return out;
  }

  private static Rule rule(Line l) {
    List<String> w = l.words();
    boolean permit = w.get(0).equals("permit");
    Rule bad =
        new Rule(
            l.number(), true, false, String.join(" ", w), Optional.empty(), Optional.empty(), true);
    if (!permit && !w.get(0).equals("deny")) {
      return bad;
    }
    int i = 1;
    boolean noPass = false;
    while (permit && i < w.size()) {
      if (OPTIONS.contains(w.get(i))) {
        noPass |= w.get(i).equals("nopass");
        i++;
      } else if (w.get(i).equals("setenv") && i + 1 < w.size() && w.get(i + 1).equals("{")) {
        int close = w.indexOf("}");
        if (close < i) {
          return bad;
        }
        i = close + 1;
      } else {
        break;
      }
    }
    if (i >= w.size() || isKeyword(w.get(i))) {
      return bad;
    }
    String identity = w.get(i++);
    Optional<String> target = Optional.empty();
    Optional<String> command = Optional.empty();
    if (i + 1 < w.size() && w.get(i).equals("as")) {
      target = Optional.of(w.get(i + 1));
      i += 2;
    }
    if (i + 1 < w.size() && w.get(i).equals("cmd")) {
      command = Optional.of(w.get(i + 1));
      i += 2;
      if (i < w.size() && w.get(i).equals("args")) {
        i = w.size();
      }
    }
    if (i != w.size()) {
      return bad;
    }
    return new Rule(l.number(), permit, noPass, identity, target, command, false);
  }

  private static boolean isKeyword(String w) {
    return Set.of("permit", "deny", "as", "cmd", "args", "setenv", "{", "}").contains(w)
        || OPTIONS.contains(w);
  }

  /** A logical line's words and the number of its first physical line. */
  private record Line(int number, List<String> words) {}

  private static List<Line> lines(String text) {
    List<Line> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int line = 1;
    int start = 1;
    boolean quoted = false;
    boolean comment = false;
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '\n') {
        line++;
      }
      if (comment) {
        if (c != '\n') {
          continue;
        }
        comment = false;
      }
      if (c == '\\' && k + 1 < text.length()) {
        char next = text.charAt(++k);
        if (next == '\n') {
          line++;
          if (!quoted && word != null) {
            words.add(word.toString());
            word = null;
          }
          continue; // a continued line
        }
        word = word == null ? new StringBuilder() : word;
        word.append(next);
      } else if (c == '"') {
        quoted = !quoted;
        word = word == null ? new StringBuilder() : word;
      } else if (quoted && c != '\n') {
        word.append(c);
      } else if (c == '#') {
        comment = true;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        if (c == '\n') {
          quoted = false;
          if (!words.isEmpty()) {
            out.add(new Line(start, List.copyOf(words)));
          }
          words.clear();
          start = line;
        }
      } else if ((c == '{' || c == '}') && word == null) {
        words.add(String.valueOf(c));
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    if (!words.isEmpty()) {
      out.add(new Line(start, List.copyOf(words)));
    }
    return out;
  }
}
