package dev.hermesharden.system.netfilter;

import java.util.Optional;

/**
 * A new connection to test against a {@link Ruleset}: the first packet (conntrack state NEW) of a
 * TCP connection.
 *
 * @param inIface the interface it arrives on (INPUT), empty for locally sent (OUTPUT)
 * @param outIface the interface it leaves by (OUTPUT), empty for INPUT
 * @param srcPort the client's port, or {@link #ANY_PORT} when the client picks it (a stranger can)
 * @param dstLocal whether the destination is one of this machine's addresses
 */
public record Packet(
    String src,
    String dst,
    Optional<String> inIface,
    Optional<String> outIface,
    String protocol,
    int srcPort,
    int dstPort,
    boolean dstLocal) {
  /**
   * A source port the client chooses: a rule on it ({@code --sport 53 -j ACCEPT}, meant for DNS
   * answers) may or may not match, and a stranger picks the port that gets in.
   */
  public static final int ANY_PORT = -1;

  /**
   * A TCP connection from a stranger at {@code src} to this machine's {@code dst}: its source port
   * is whatever the stranger picks ({@link #ANY_PORT}).
   */
  public static Packet tcpInFromAnyPort(String iface, String src, String dst, int port) {
    return new Packet(src, dst, Optional.of(iface), Optional.empty(), "tcp", ANY_PORT, port, true);
  }

  /**
   * A TCP connection from {@code src} arriving on {@code iface} to this machine's {@code dst}, from
   * an ephemeral port of an ordinary client (40022).
   */
  public static Packet tcpIn(String iface, String src, String dst, int port) {
    return new Packet(src, dst, Optional.of(iface), Optional.empty(), "tcp", 40022, port, true);
  }

  /** A TCP connection this machine opens to {@code dst} through {@code iface}. */
  public static Packet tcpOut(String iface, String src, String dst, int port) {
    return new Packet(src, dst, Optional.empty(), Optional.of(iface), "tcp", 40022, port, false);
  }

  public boolean v6() {
    return src.contains(":");
  }
}
