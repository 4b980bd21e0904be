package dev.hermesharden.system.net;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network such as {@code 100.64.0.0/10} or {@code fd7a:115c:a1e0::/48}, and whether
 * an address lies inside it. Pure: literals are parsed by hand, never resolved through DNS.
 *
 * <p>Caveat: an IPv4 address is never inside an IPv6 network (no IPv4-mapped matching); an address
 * without a prefix is a /32 or /128.
 */
public record Cidr(byte[] network, int prefix) {
  public Cidr {
    network = network.clone();
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("prefix out of range: " + prefix);
    }
  }

  /** {@code 100.64.0.0/10}, {@code 10.0.0.5} (a /32), {@code fd00::/8}. */
  public static Cidr parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    byte[] addr =
        IpAddresses.parse(slash < 0 ? t : t.substring(0, slash))
            .orElseThrow(() -> new IllegalArgumentException("not an IP network: " + text));
    int prefix;
    try {
      prefix = slash < 0 ? addr.length * 8 : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IP network: " + text, e);
    }
    return new Cidr(addr, prefix);
  }

  public static Optional<Cidr> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether an address literal lies in this network; false for junk or the other family. */
  public boolean contains(String address) {
    String a = address.strip();
    int slash = a.indexOf('/');
    return IpAddresses.parse(slash < 0 ? a : a.substring(0, slash))
        .map(this::contains)
        .orElse(false);
  }

  /** Whether every address of {@code inner} lies in this network. */
  public boolean containsNetwork(Cidr inner) {
    return inner.network.length == network.length
        && prefix <= inner.prefix
        && contains(inner.network);
  }

  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    return IpAddresses.format(network) + "/" + prefix;
  }
}
