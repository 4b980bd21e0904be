package dev.hermesharden.system.ufw;

import dev.hermesharden.model.Answers;
import java.util.Optional;

/**
 * The admin's private way in, as the firewall and fail2ban see it: a Tailscale interface (with its
 * fixed 100.64.0.0/10 range) or an IPv4 CIDR such as a VPN or office network.
 *
 * <p>Caveat: the CIDR arithmetic here is IPv4-only and kept private on purpose until a shared
 * {@code system.net} helper exists; an IPv6 private path is not understood yet.
 *
 * @param iface the interface rules may bind to ({@code tailscale0}), empty for a plain CIDR
 * @param cidr the network the admin connects from
 */
public record PrivatePath(Optional<String> iface, String cidr) {
  public static final String TAILSCALE_IFACE = "tailscale0";
  public static final String TAILSCALE_CIDR = "100.64.0.0/10";

  /** From the answers: kind {@code tailscale} (default) or {@code cidr}. */
  public static PrivatePath of(Answers answers) {
    String kind = answers.get(Answers.PRIVATE_PATH_KIND).orElse("tailscale");
    if (kind.equals("cidr")) {
      return new PrivatePath(
          Optional.empty(),
          answers
              .get(Answers.PRIVATE_PATH_CIDR)
              .orElseThrow(
                  () -> new IllegalArgumentException("private path kind cidr without a CIDR")));
    }
    return new PrivatePath(Optional.of(TAILSCALE_IFACE), TAILSCALE_CIDR);
  }

  /** A short label for details and messages: the interface, else the CIDR. */
  public String label() {
    return iface.orElse(cidr);
  }

  /**
   * Whether the network {@code outer} (a CIDR or a single address) contains all of {@code inner}.
   */
  public static boolean contains(String outer, String inner) {
    Optional<long[]> o = parse(outer);
    Optional<long[]> i = parse(inner);
    if (o.isEmpty() || i.isEmpty()) {
      return false;
    }
    long oPrefix = o.get()[1];
    return oPrefix <= i.get()[1] && (mask(oPrefix) & (o.get()[0] ^ i.get()[0])) == 0;
  }

  /** {address, prefix} of an IPv4 address or CIDR, or empty. */
  private static Optional<long[]> parse(String s) {
    String[] parts = s.strip().split("/", 2);
    String[] octets = parts[0].split("\\.");
    if (octets.length != 4) {
      return Optional.empty();
    }
    try {
      long addr = 0;
      for (String o : octets) {
        int v = Integer.parseInt(o);
        if (v < 0 || v > 255) {
          return Optional.empty();
        }
        addr = (addr << 8) | v;
      }
      long prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
      return prefix < 0 || prefix > 32 ? Optional.empty() : Optional.of(new long[] {addr, prefix});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long mask(long prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }
}
