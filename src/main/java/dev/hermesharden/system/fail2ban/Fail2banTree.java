package dev.hermesharden.system.fail2ban;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads fail2ban-client's tree layout ({@code |- Key:\tvalue}, {@code `- Key:\tvalue}, nested with
 * {@code | }) into a flat map of leaf names to values. Section heads without a value ({@code |-
 * Filter}) are skipped; leaf names are unique in the layouts we read.
 */
final class Fail2banTree {
  private Fail2banTree() {}

  static Map<String, String> leaves(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int start = Math.max(line.indexOf("|- "), line.indexOf("`- "));
      if (start < 0) {
        continue;
      }
      String item = line.substring(start + 3);
      int colon = item.indexOf(':');
      if (colon > 0) {
        out.put(item.substring(0, colon).strip(), item.substring(colon + 1).strip());
      }
    }
    return out;
  }
}
