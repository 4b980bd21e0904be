package dev.hermesharden.system.sshd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The effective sshd configuration as printed by {@code sshd -T [-C spec]}: one lowercase keyword
 * and its value per line. Keywords that sshd prints several times ({@code port}, {@code
 * listenaddress}, {@code hostkey}, {@code allowusers}, {@code acceptenv}, …) accumulate in order.
 *
 * <p>Caveat: values are kept as printed; sshd prints {@code prohibit-password} as {@code
 * without-password}, so compare with {@link #first} against both spellings where it matters.
 */
public final class SshdEffectiveConfig {
  private final Map<String, List<String>> values;

  private SshdEffectiveConfig(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Parses {@code sshd -T} output; blank lines are skipped, keywords are lowercased. */
  public static SshdEffectiveConfig parse(String output) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String raw : output.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      int sp = line.indexOf(' ');
      String key = (sp < 0 ? line : line.substring(0, sp)).toLowerCase(Locale.ROOT);
      String value = sp < 0 ? "" : line.substring(sp + 1).strip();
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    values.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new SshdEffectiveConfig(frozen);
  }

  /** The (first) value of a keyword, if sshd printed it. */
  public Optional<String> first(String keyword) {
    List<String> v = values.get(keyword.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** Every value printed for a keyword, in order; empty when absent. */
  public List<String> all(String keyword) {
    return values.getOrDefault(keyword.toLowerCase(Locale.ROOT), List.of());
  }

  public boolean has(String keyword) {
    return values.containsKey(keyword.toLowerCase(Locale.ROOT));
  }

  /** Every value of a list keyword split into words ({@code allowusers a b} gives a, b). */
  public List<String> words(String keyword) {
    List<String> out = new ArrayList<>();
    for (String v : all(keyword)) {
      for (String w : v.split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /**
   * Whether an {@code AllowUsers} list lets the user in: an entry matches by its user part
   * (wildcards {@code *} and {@code ?}); a {@code user@host} entry counts, since the host part
   * narrows where from, not who.
   */
  public boolean allowUsersPermits(String user) {
    for (String entry : words("allowusers")) {
      String name = entry.contains("@") ? entry.substring(0, entry.indexOf('@')) : entry;
      if (MatchCriteria.wildcard(name).matcher(user).matches()) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return values.size();
  }
}
