package dev.hermesharden.system.hermes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file read the way python-dotenv 1.2 (which Hermes' {@code load_hermes_dotenv}
 * calls, {@code override=True}) reads it: {@code KEY=VALUE}, {@code export KEY=VALUE} and a
 * single-quoted {@code 'KEY'}, single quotes literal, double quotes with backslash escapes, an
 * unquoted value ends at {@code " #"}, comments and blank lines ignored, a lone CR ends a line too,
 * for a key set twice the last line wins, and {@link #values(Map)} expands {@code ${VAR}} and
 * {@code ${VAR:-default}} as python-dotenv does (in every value, quoted or not). The agent writes
 * this file: each of these once hid {@code HERMES_YOLO_MODE=1} from the audit.
 *
 * <p>Caveat: values continued over several lines inside quotes are not supported (Hermes' .env does
 * not use them); such a line is read up to its end.
 */
public final class DotEnv {
  static final Pattern LINE =
      Pattern.compile(
          "^(\\s*(?:export\\s+)?)('[^']+'|[A-Za-z_][A-Za-z0-9_.-]*)(\\s*=\\s*)(.*)$",
          Pattern.UNICODE_CHARACTER_CLASS);

  /** python-dotenv's {@code _posix_variable}. */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]*)(?::-([^}]*))?}");

  /** One assignment: its 0-based line, key and unquoted value, and how the value was quoted. */
  public record Entry(int line, String key, String value, char quote) {}

  private final List<Entry> entries;
  private final Map<String, Entry> last = new LinkedHashMap<>();

  private DotEnv(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    entries.forEach(e -> last.put(e.key(), e));
  }

  /** The name of this parser for {@link dev.hermesharden.host.Host#parsed}. */
  public static final String KIND = "dotenv";

  public static DotEnv parse(String text) {
    List<Entry> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      // python-dotenv ends a line at a lone CR too: each part is a line of its own for it
      for (String part : l.split("\r", -1)) {
        Matcher m = LINE.matcher(part);
        if (m.matches()) {
          String raw = m.group(4);
          char q = raw.startsWith("\"") ? '"' : raw.startsWith("'") ? '\'' : 0;
          out.add(new Entry(i, key(m.group(2)), unquote(raw), q));
        }
      }
    }
    return new DotEnv(out);
  }

  /** A key as written: {@code 'KEY'} is KEY. */
  static String key(String written) {
    return written.startsWith("'") ? written.substring(1, written.length() - 1) : written;
  }

  public static DotEnv empty() {
    return new DotEnv(List.of());
  }

  /** The effective value (last assignment wins), empty when the key is not assigned. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(last.get(key)).map(Entry::value);
  }

  /** Every assignment in file order, duplicates included. */
  public List<Entry> entries() {
    return entries;
  }

  /** Effective key/value pairs in first-seen order, variables expanded without an environment. */
  public Map<String, String> values() {
    return values(Map.of());
  }

  /**
   * Effective key/value pairs in first-seen order, as python-dotenv's {@code resolve_variables}
   * with {@code override=True} gives them: each assignment in file order expands {@code ${VAR}}
   * from the values assigned before it, else from {@code outer} (the process environment), else
   * {@code default} of {@code ${VAR:-default}}, else nothing; the last assignment of a key wins.
   */
  public Map<String, String> values(Map<String, String> outer) {
    Map<String, String> resolved = new LinkedHashMap<>();
    for (Entry e : entries) {
      resolved.put(e.key(), expand(e.value(), outer, resolved));
    }
    Map<String, String> out = new LinkedHashMap<>();
    last.keySet().forEach(k -> out.put(k, resolved.get(k)));
    return out;
  }

  private static String expand(String value, Map<String, String> outer, Map<String, String> set) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String v = set.containsKey(name) ? set.get(name) : outer.get(name);
      if (v == null) {
        v = m.group(2) == null ? "" : m.group(2);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Whether a value means "on" to Hermes: 1, true, yes, on (any case). */
  public static boolean truthy(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
  }

  static String unquote(String raw) {
    String r = raw.strip();
    if (r.startsWith("'")) {
      int end = r.indexOf('\'', 1);
      return end < 0 ? r.substring(1) : r.substring(1, end);
    }
    if (r.startsWith("\"")) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < r.length(); i++) {
        char c = r.charAt(i);
        if (c == '"') {
          break;
        }
        if (c == '\\' && i + 1 < r.length()) {
          char n = r.charAt(++i);
          sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
    int hash = -1;
    for (int i = 0; i < r.length(); i++) {
      if (r.charAt(i) == '#' && (i == 0 || Character.isWhitespace(r.charAt(i - 1)))) {
        hash = i;
        break;
      }
    }
    return (hash < 0 ? r : r.substring(0, hash)).strip();
  }
}
