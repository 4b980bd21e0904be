package dev.hermesharden.system.hermes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file read the way python-dotenv (which Hermes uses) reads it: {@code KEY=VALUE}
 * and {@code export KEY=VALUE}, single quotes literal, double quotes with backslash escapes, an
 * unquoted value ends at {@code " #"}, comments and blank lines ignored, and for a key set twice
 * the last line wins.
 *
 * <p>Caveat: values continued over several lines inside quotes are not supported (Hermes' .env does
 * not use them); such a line is read up to its end.
 */
public final class DotEnv {
  static final Pattern LINE =
      Pattern.compile("^(\\s*(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\\s*=\\s*)(.*)$");

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
      Matcher m = LINE.matcher(l);
      if (m.matches()) {
        String raw = m.group(4);
        char q = raw.startsWith("\"") ? '"' : raw.startsWith("'") ? '\'' : 0;
        out.add(new Entry(i, m.group(2), unquote(raw), q));
      }
    }
    return new DotEnv(out);
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

  /** Effective key/value pairs in first-seen order. */
  public Map<String, String> values() {
    Map<String, String> out = new LinkedHashMap<>();
    last.forEach((k, e) -> out.put(k, e.value()));
    return out;
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
