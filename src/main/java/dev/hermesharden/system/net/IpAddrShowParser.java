package dev.hermesharden.system.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the one-line-per-address output of {@code ip -o -4 addr show} / {@code ip -o -6 addr show},
 * e.g. {@code 4: tailscale0 inet 100.64.0.10/32 scope global tailscale0\ valid_lft forever
 * preferred_lft forever}.
 *
 * <p>Caveat: lines that are not {@code inet}/{@code inet6} records are skipped, not reported.
 */
public final class IpAddrShowParser {
  /** One address on one interface. */
  public record InterfaceAddress(String device, String family, String address, int prefix) {}

  private IpAddrShowParser() {}

  public static List<InterfaceAddress> parse(String output) {
    List<InterfaceAddress> out = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] f = line.strip().split("\\s+");
      // "4:" "tailscale0" "inet" "100.64.0.10/32" ...
      if (f.length < 4 || !f[0].endsWith(":") || !(f[2].equals("inet") || f[2].equals("inet6"))) {
        continue;
      }
      String dev = f[1].contains("@") ? f[1].substring(0, f[1].indexOf('@')) : f[1];
      int slash = f[3].indexOf('/');
      try {
        String addr = slash < 0 ? f[3] : f[3].substring(0, slash);
        int prefix =
            slash < 0
                ? (f[2].equals("inet") ? 32 : 128)
                : Integer.parseInt(f[3].substring(slash + 1));
        out.add(new InterfaceAddress(dev, f[2], addr, prefix));
      } catch (NumberFormatException e) {
        // a malformed record is skipped; the check then simply does not see that address
      }
    }
    return out;
  }
}
