package dev.hermesharden.system.net;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a listen or publish address is reachable from the internet. One rule for compose
 * publishes, {@code docker inspect} HostIp, {@code ss} listeners and host-network settings: every
 * address that is not loopback is public — the wildcards, the VPS's own public address, a LAN or
 * Docker bridge address alike — except an address inside the admin's private path (the tailnet),
 * which is where the admin meant it to be reachable.
 *
 * <p>Caveat: the private path is taken as a network ({@code 100.64.0.0/10} for Tailscale); an
 * address in it that is not on the private interface would still count as private.
 */
public final class BindAddress {
  private BindAddress() {}

  /** The address without brackets, zone ({@code %lo}) or surrounding blanks, lower case. */
  public static String clean(String address) {
    String a = address.strip();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    int pct = a.indexOf('%');
    if (pct >= 0) {
      a = a.substring(0, pct);
    }
    return a.toLowerCase(Locale.ROOT);
  }

  /** {@code 127.0.0.0/8}, {@code ::1}, {@code localhost} and IPv4-mapped loopback. */
  public static boolean isLoopback(String address) {
    String a = clean(address);
    if (a.startsWith("::ffff:")) {
      a = a.substring("::ffff:".length());
    }
    return a.equals("localhost") || a.equals("::1") || a.matches("127(\\.\\d{1,3}){3}");
  }

  /** The wildcard forms: every address of the host. An empty host address means the same. */
  public static boolean isWildcard(String address) {
    String a = clean(address);
    return a.isEmpty() || a.equals("*") || a.equals("0.0.0.0") || a.equals("::");
  }

  /**
   * Whether the address can be reached from outside: not loopback and not inside {@code
   * privateCidr} (when one is given).
   */
  public static boolean isPublic(String address, Optional<String> privateCidr) {
    if (isLoopback(address)) {
      return false;
    }
    String a = clean(address);
    if (isWildcard(a)) {
      return true;
    }
    return privateCidr.flatMap(Cidr::tryParse).map(c -> !c.contains(a)).orElse(true);
  }

  /** {@link #isPublic(String, Optional)} without a private path: only loopback is private. */
  public static boolean isPublic(String address) {
    return isPublic(address, Optional.empty());
  }
}
