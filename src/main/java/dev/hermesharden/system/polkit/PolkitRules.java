package dev.hermesharden.system.polkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a polkit rule file says yes to, as far as it can be told without running it. polkitd runs
 * {@code *.rules} files as JavaScript ({@code polkit.addRule}); here a file is read for two things:
 * whether it can return yes ({@code polkit.Result.YES} or the string {@code "yes"}), and which
 * names it compares the subject with (every string literal, and the names after {@code unix-user:}
 * and {@code unix-group:}). A file that can say yes and never looks at the subject says yes to
 * every account. A {@code .pkla} file (the older local authority) is read exactly: its {@code
 * Identity} globs and its {@code ResultAny/ResultInactive/ResultActive} values.
 *
 * <p>Caveat: the JavaScript is not run. A name built at run time, or a yes that depends on the
 * action alone but sits behind a subject test of another name, is misjudged.
 */
public final class PolkitRules {
  private static final Pattern LITERAL =
      Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'");
  private static final Pattern YES =
      Pattern.compile("Result\\s*\\.\\s*YES\\b|return\\s+[\"']yes[\"']");
  private static final Pattern IDENTITY = Pattern.compile("unix-(user|group):([^;\"'\\s]+)");

  private PolkitRules() {}

  /** What one {@code .rules} file can do. */
  public record Script(boolean saysYes, boolean looksAtSubject, Set<String> names) {}

  public static Script script(String text) {
    String code = text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = LITERAL.matcher(code);
    while (m.find()) {
      String lit = m.group(1) != null ? m.group(1) : m.group(2);
      names.add(lit);
      Matcher id = IDENTITY.matcher(lit);
      while (id.find()) {
        names.add(id.group(2));
      }
    }
    boolean subject = code.matches("(?s).*\\bsubject\\s*\\.\\s*(user|isInGroup|groups)\\b.*");
    return new Script(YES.matcher(code).find(), subject, names);
  }

  /**
   * One section of a {@code .pkla} file that grants yes: its identities ({@code unix-user:NAME}).
   */
  public record Grant(int line, List<String> identities) {}

  /**
   * The sections whose {@code ResultAny}, {@code ResultInactive} or {@code ResultActive} is yes.
   */
  public static List<Grant> pkla(String text) {
    List<Grant> out = new ArrayList<>();
    String[] lines = text.split("\n");
    int start = 0;
    List<String> ids = List.of();
    boolean yes = false;
    for (int i = 0; i <= lines.length; i++) {
      String l = i < lines.length ? lines[i].strip() : "[";
      if (l.startsWith("[")) {
        if (yes && !ids.isEmpty()) {
          out.add(new Grant(start, ids));
        }
        start = i + 1;
        ids = List.of();
        yes = false;
        continue;
      }
      int eq = l.indexOf('=');
      if (l.startsWith("#") || eq < 0) {
        continue;
      }
      String key = l.substring(0, eq).strip();
      String value = l.substring(eq + 1).strip();
      if (key.equals("Identity")) {
        ids = List.of(value.split(";"));
      } else if (key.startsWith("Result") && value.equalsIgnoreCase("yes")) {
        yes = true;
      }
    }
    return out;
  }

  /** Whether a {@code .pkla} identity ({@code unix-user:GLOB}, {@code unix-group:GLOB}) matches. */
  public static boolean matches(String identity, String user, Set<String> groups) {
    String id = identity.strip();
    if (id.startsWith("unix-user:")) {
      return glob(id.substring(10)).matcher(user).matches();
    }
    if (id.startsWith("unix-group:")) {
      Pattern g = glob(id.substring(11));
      return groups.stream().anyMatch(n -> g.matcher(n).matches());
    }
    return false;
  }

  private static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      re.append(
          switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf(c));
          });
    }
    return Pattern.compile(re.toString());
  }
}
