package dev.hermesharden.system.fail2ban;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code fail2ban-client get JAIL ignoreip}: the addresses a jail never bans. fail2ban prints
 * networks by their network address ({@code 127.0.0.1/8} comes back as {@code 127.0.0.0/8}).
 *
 * <pre>
 * These IP addresses/networks are ignored:
 * |- 127.0.0.0/8
 * `- ::1
 * </pre>
 *
 * or {@code No IP address/network is ignored} when the list is empty.
 */
public final class IgnoreIpList {
  private IgnoreIpList() {}

  public static List<String> parse(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.startsWith("|- ") || l.startsWith("`- ")) {
        out.add(l.substring(3).strip());
      }
    }
    return List.copyOf(out);
  }
}
