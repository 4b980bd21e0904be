package dev.hermesharden.system.sudoers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the parts of a sudoers file (sudoers(5)) that say who may use sudo: the user list of each
 * user specification, {@code User_Alias} definitions and the {@code @include}/{@code @includedir}
 * directives (and their {@code #include}/{@code #includedir} spellings). Lines ending in {@code \}
 * continue on the next; a {@code #} starts a comment unless a digit follows it (a uid, as sudo's
 * lexer reads it). {@code Defaults} and the other aliases grant nothing and are skipped.
 *
 * <p>Caveat: the host and command parts of a rule are not judged (a rule for another host or for
 * one command still counts as a grant); a line sudo would reject as a syntax error is skipped.
 */
public final class SudoersParser {
  private static final Pattern ALIAS_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern NOPASSWD = Pattern.compile("(?<![A-Za-z_])NOPASSWD\\s*:");
  private static final Pattern SKIPPED =
      Pattern.compile("(Defaults([:@!>]\\S*)?|Host_Alias|Runas_Alias|Cmnd_Alias|Cmd_Alias)\\b.*");
  private static final Pattern INCLUDE = Pattern.compile("[#@](include(dir)?)[ \\t]+(.+)");

  private SudoersParser() {}

  public static Sudoers parse(String text) {
    List<Sudoers.Include> includes = new ArrayList<>();
    List<Sudoers.Rule> rules = new ArrayList<>();
    Map<String, List<Sudoers.Item>> aliases = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int first = i + 1;
      String line = lines[i].strip();
      if (line.startsWith("#") && !startsWithDigitAfterHash(line) && !isInclude(line)) {
        continue; // a comment never continues (sudo's lexer eats the backslash with it)
      }
      StringBuilder logical = new StringBuilder();
      while (endsInBackslash(line) && i + 1 < lines.length) {
        logical.append(line, 0, line.lastIndexOf('\\')).append(' ');
        line = lines[++i].strip();
      }
      logical.append(line);
      read(logical.toString().strip(), first, includes, rules, aliases);
    }
    return new Sudoers(includes, aliases, rules);
  }

  private static void read(
      String line,
      int number,
      List<Sudoers.Include> includes,
      List<Sudoers.Rule> rules,
      Map<String, List<Sudoers.Item>> aliases) {
    var inc = INCLUDE.matcher(line);
    if (inc.matches()) {
      includes.add(new Sudoers.Include(number, path(inc.group(3).strip()), inc.group(2) != null));
      return;
    }
    String text = withoutComment(line).strip();
    if (text.isEmpty() || SKIPPED.matcher(text).matches()) {
      return;
    }
    if (text.startsWith("User_Alias") && text.length() > 10 && isBlank(text.charAt(10))) {
      for (String def : text.substring(10).split(":")) {
        int eq = def.indexOf('=');
        String name = eq < 0 ? "" : def.substring(0, eq).strip();
        if (ALIAS_NAME.matcher(name).matches()) {
          aliases.put(name, new ListReader(def.substring(eq + 1)).items());
        }
      }
      return;
    }
    ListReader users = new ListReader(text);
    List<Sudoers.Item> items = users.items();
    String rest = users.rest();
    if (!items.isEmpty() && rest.contains("=")) {
      rules.add(new Sudoers.Rule(number, items, NOPASSWD.matcher(rest).find()));
    }
  }

  private static boolean isInclude(String line) {
    return INCLUDE.matcher(line).matches();
  }

  private static boolean startsWithDigitAfterHash(String line) {
    return line.length() > 1 && Character.isDigit(line.charAt(1));
  }

  private static boolean endsInBackslash(String line) {
    return line.endsWith("\\") && !line.endsWith("\\\\");
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** The text before a comment: a {@code #} outside quotes, not escaped, not before a digit. */
  static String withoutComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        boolean uid = i + 1 < line.length() && Character.isDigit(line.charAt(i + 1));
        if (!uid) {
          return line.substring(0, i);
        }
      }
    }
    return line;
  }

  /** An include path as sudo reads it: quotes removed, or backslash escapes undone. */
  private static String path(String raw) {
    if (raw.length() > 1 && raw.startsWith("\"")) {
      int end = raw.indexOf('"', 1);
      return end < 0 ? raw.substring(1) : raw.substring(1, end);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(++i));
      } else if (isBlank(c)) {
        break;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Reads a comma-separated user list from the start of a text; {@link #rest} is what follows. */
  private static final class ListReader {
    private final String text;
    private int pos;

    ListReader(String text) {
      this.text = text;
    }

    List<Sudoers.Item> items() {
      List<Sudoers.Item> out = new ArrayList<>();
      while (true) {
        skipBlanks();
        boolean negated = false;
        while (pos < text.length() && text.charAt(pos) == '!') {
          negated = !negated;
          pos++;
          skipBlanks();
        }
        String word = word();
        if (word.isEmpty()) {
          return out;
        }
        out.add(Sudoers.Item.of(word, negated));
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
        } else {
          return out;
        }
      }
    }

    String rest() {
      return text.substring(Math.min(pos, text.length()));
    }

    private void skipBlanks() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private String word() {
      StringBuilder w = new StringBuilder();
      boolean quoted = false;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\\' && pos + 1 < text.length()) {
          w.append(text.charAt(pos + 1));
          pos += 2;
          continue;
        }
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (Character.isWhitespace(c) || c == ',' || c == '=')) {
          break;
        } else {
          w.append(c);
        }
        pos++;
      }
      return w.toString();
    }
  }
}
