package dev.hermesharden.system.apt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code apt-config dump} prints: apt's own resolution of {@code /etc/apt/apt.conf}, every
 * file of {@code /etc/apt/apt.conf.d} in its order, and {@code APT_CONFIG}. Each line is {@code Key
 * "value";}; a list's items are {@code Key:: "item";} after its {@code Key "";} line. Reading this
 * instead of the files means a later file that overrides an earlier one is seen as apt sees it.
 *
 * <p>Keys are case-insensitive in apt; they are kept as printed and looked up ignoring case.
 */
public final class AptConfigDump {
  /** The name of this parser for {@link dev.hermesharden.host.Host#parsed}. */
  public static final String KIND = "apt-config-dump";

  private final Map<String, String> scalars;
  private final Map<String, List<String>> lists;

  private AptConfigDump(Map<String, String> scalars, Map<String, List<String>> lists) {
    this.scalars = scalars;
    this.lists = lists;
  }

  public static AptConfigDump parse(String text) {
    Map<String, String> scalars = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      int sp = line.indexOf(' ');
      if (sp <= 0 || !line.endsWith(";")) {
        continue;
      }
      String key = line.substring(0, sp).toLowerCase(java.util.Locale.ROOT);
      String value = unquote(line.substring(sp + 1, line.length() - 1).strip());
      if (key.endsWith("::")) {
        lists
            .computeIfAbsent(key.substring(0, key.length() - 2), k -> new ArrayList<>())
            .add(value);
      } else {
        scalars.put(key, value);
      }
    }
    return new AptConfigDump(scalars, lists);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  /** The value of {@code key}; empty when apt has none (a list's own line is {@code ""}). */
  public Optional<String> get(String key) {
    return Optional.ofNullable(scalars.get(key.toLowerCase(java.util.Locale.ROOT)));
  }

  /** The items of the list {@code key}, in apt's order; empty when there are none. */
  public List<String> list(String key) {
    return List.copyOf(lists.getOrDefault(key.toLowerCase(java.util.Locale.ROOT), List.of()));
  }
}
