package dev.hermesharden.system.sshd;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Address-in-network tests for Match Address. Package-private on purpose: the project's shared CIDR
 * helper lives in {@code system.net}; this one only parses IP literals (never DNS names, so {@link
 * InetAddress} never resolves anything).
 */
final class Cidr {
  private static final Pattern LITERAL =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private Cidr() {}

  /** Whether {@code addr} lies in {@code network} ("10.0.0.0/8", "::1/128" or a bare address). */
  static boolean contains(String network, String addr) {
    String net = network;
    int bits = -1;
    int slash = network.indexOf('/');
    if (slash >= 0) {
      net = network.substring(0, slash);
      try {
        bits = Integer.parseInt(network.substring(slash + 1));
      } catch (NumberFormatException e) {
        return false;
      }
    }
    Optional<byte[]> n = literal(net);
    Optional<byte[]> a = literal(addr);
    if (n.isEmpty() || a.isEmpty() || n.get().length != a.get().length) {
      return false;
    }
    int width = n.get().length * 8;
    if (bits < 0) {
      bits = width;
    }
    if (bits > width) {
      return false;
    }
    BigInteger mask =
        bits == 0
            ? BigInteger.ZERO
            : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(width - bits);
    return new BigInteger(1, n.get()).and(mask).equals(new BigInteger(1, a.get()).and(mask));
  }

  /** Whether the text is an IP literal or CIDR (not a wildcard pattern). */
  static boolean isCidr(String text) {
    String t = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
    return literal(t).isPresent();
  }

  private static Optional<byte[]> literal(String text) {
    if (text.isEmpty() || !LITERAL.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
