package dev.hermesharden.system.netfilter;

import java.util.Optional;

/**
 * A new connection to test against a {@link Ruleset}: the first packet (conntrack state NEW) of a
 * TCP connection.
 *
 * @param inIface the interface it arrives on (INPUT), empty for locally sent (OUTPUT)
 * @param outIface the interface it leaves by (OUTPUT), empty for INPUT
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
  /** A TCP connection from {@code src} arriving on {@code iface} to this machine's {@code dst}. */
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
