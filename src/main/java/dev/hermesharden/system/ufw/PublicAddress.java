package dev.hermesharden.system.ufw;

import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.net.IpAddresses;
import java.util.List;

/**
 * Whether an address is on the public internet: not loopback, link-local, private (RFC 1918,
 * unique-local), carrier-grade NAT / Tailscale (100.64.0.0/10) or multicast. The documentation
 * ranges (TEST-NET, 2001:db8::/32) count as public: they stand for internet hosts in examples and
 * in the sandbox.
 */
public final class PublicAddress {
  private static final List<Cidr> NOT_PUBLIC =
      List.of(
          Cidr.parse("0.0.0.0/8"),
          Cidr.parse("10.0.0.0/8"),
          Cidr.parse("100.64.0.0/10"),
          Cidr.parse("127.0.0.0/8"),
          Cidr.parse("169.254.0.0/16"),
          Cidr.parse("172.16.0.0/12"),
          Cidr.parse("192.168.0.0/16"),
          Cidr.parse("224.0.0.0/3"),
          Cidr.parse("::1/128"),
          Cidr.parse("::/128"),
          Cidr.parse("fc00::/7"),
          Cidr.parse("fe80::/10"),
          Cidr.parse("ff00::/8"));

  private PublicAddress() {}

  /**
   * Whether {@code address} ({@code A}, {@code A/PREFIX}) is public; text that is no address is.
   */
  public static boolean isPublic(String address) {
    String a = address.strip();
    int slash = a.indexOf('/');
    // parsed once, not once per range: every source of a large ruleset is asked
    return IpAddresses.parse(slash < 0 ? a : a.substring(0, slash))
        .map(PublicAddress::isPublic)
        .orElse(true);
  }

  /** {@link #isPublic(String)} of an address already parsed (4 or 16 bytes). */
  public static boolean isPublic(byte[] address) {
    return NOT_PUBLIC.stream().noneMatch(n -> n.contains(address));
  }

  /** Whether a network (CIDR or single address) holds any public address. */
  public static boolean coversPublic(String network) {
    return Cidr.tryParse(
            network.contains("/") ? network : network + (network.contains(":") ? "/128" : "/32"))
        .map(c -> NOT_PUBLIC.stream().noneMatch(n -> n.containsNetwork(c)))
        .orElse(false);
  }
}
