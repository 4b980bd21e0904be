package dev.hermesharden.system.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses IPv4 and IPv6 address literals into bytes without any name lookup (unlike {@code
 * InetAddress.getByName}, which would ask DNS for anything that is not a literal).
 *
 * <p>Caveat: zone ids ({@code fe80::1%eth0}) are dropped; IPv6 with an embedded dotted IPv4 tail
 * ({@code ::ffff:1.2.3.4}) is understood.
 */
public final class IpAddresses {
  private IpAddresses() {}

  public static Optional<byte[]> parse(String text) {
    String t = text.strip();
    int zone = t.indexOf('%');
    if (zone >= 0) {
      t = t.substring(0, zone);
    }
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    return t.contains(":") ? v6(t) : v4(t);
  }

  public static boolean isIpv4(String text) {
    return !text.contains(":") && parse(text).isPresent();
  }

  static Optional<byte[]> v4(String t) {
    String[] parts = t.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!digits(parts[i], 3, 10)) {
        return Optional.empty();
      }
      int v = Integer.parseInt(parts[i]);
      if (v > 255) {
        return Optional.empty();
      }
      out[i] = (byte) v;
    }
    return Optional.of(out);
  }

  /**
   * Whether {@code s} is 1 to {@code max} digits of {@code radix} (ASCII only). A loop, not a
   * regular expression: every address of a large ruleset passes here, and {@code String.matches}
   * compiles its pattern anew on each call.
   */
  private static boolean digits(String s, int max, int radix) {
    if (s.isEmpty() || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x7f || Character.digit(c, radix) < 0) {
        return false;
      }
    }
    return true;
  }

  static Optional<byte[]> v6(String t) {
    int dbl = t.indexOf("::");
    if (dbl >= 0 && t.indexOf("::", dbl + 1) >= 0) {
      return Optional.empty();
    }
    List<Integer> head = groups(dbl < 0 ? t : t.substring(0, dbl));
    List<Integer> tail = dbl < 0 ? List.of() : groups(t.substring(dbl + 2));
    if (head == null || tail == null) {
      return Optional.empty();
    }
    int total = head.size() + tail.size();
    if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
      return Optional.empty();
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.size(); i++) {
      out[2 * i] = (byte) (head.get(i) >> 8);
      out[2 * i + 1] = (byte) (int) head.get(i);
    }
    int start = 8 - tail.size();
    for (int i = 0; i < tail.size(); i++) {
      out[2 * (start + i)] = (byte) (tail.get(i) >> 8);
      out[2 * (start + i) + 1] = (byte) (int) tail.get(i);
    }
    return Optional.of(out);
  }

  /** 16-bit groups of one side of "::"; a dotted IPv4 tail counts as two groups; null if bad. */
  private static List<Integer> groups(String side) {
    List<Integer> out = new ArrayList<>();
    if (side.isEmpty()) {
      return out;
    }
    String[] parts = side.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (i == parts.length - 1 && p.contains(".")) {
        Optional<byte[]> v4 = v4(p);
        if (v4.isEmpty()) {
          return null;
        }
        byte[] b = v4.get();
        out.add(((b[0] & 0xff) << 8) | (b[1] & 0xff));
        out.add(((b[2] & 0xff) << 8) | (b[3] & 0xff));
      } else if (digits(p, 4, 16)) {
        out.add(Integer.parseInt(p, 16));
      } else {
        return null;
      }
    }
    return out;
  }

  /** Dotted quad for 4 bytes; full (uncompressed) lower-case groups for 16. */
  public static String format(byte[] a) {
    StringBuilder sb = new StringBuilder();
    if (a.length == 4) {
      for (int i = 0; i < 4; i++) {
        sb.append(i == 0 ? "" : ".").append(a[i] & 0xff);
      }
      return sb.toString();
    }
    for (int i = 0; i < 16; i += 2) {
      sb.append(i == 0 ? "" : ":")
          .append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff)));
    }
    return sb.toString();
  }
}
