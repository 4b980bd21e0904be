package dev.hermesharden.proof;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.ProofException;
import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.net.IpAddrShowParser;
import dev.hermesharden.system.net.IpAddrShowParser.InterfaceAddress;
import dev.hermesharden.system.ufw.PrivatePath;
import java.util.List;
import java.util.Optional;

/**
 * The way a proof login must come in, judged from {@code SSH_CONNECTION}: the server address it
 * reached must be one of {@code serverAddresses} and, for a CIDR private path, the client address
 * must lie in {@code clientNetwork} (that is what the firewall rule of step 4 will still admit).
 *
 * <p>For {@code key-login} any global address of this host counts; for {@code private-path-login}
 * with Tailscale only the addresses of {@code tailscale0}, so a login over the public address is
 * refused. Caveat: Tailscale in userspace-networking mode has no {@code tailscale0} and cannot be
 * proven this way.
 *
 * @param shownAddress the address put into the ssh command the admin is asked to run
 */
public record ExpectedPath(
    EvidenceKind kind,
    List<String> serverAddresses,
    Optional<String> clientNetwork,
    String shownAddress) {
  private static final Cidr TAILNET_V4 = Cidr.parse(PrivatePath.TAILSCALE_CIDR);
  private static final Cidr TAILNET_V6 = Cidr.parse("fd7a:115c:a1e0::/48");

  public ExpectedPath {
    serverAddresses = List.copyOf(serverAddresses);
  }

  public boolean admits(String serverAddress, String clientAddress) {
    boolean server =
        serverAddresses.stream()
            .anyMatch(a -> Cidr.tryParse(a).map(c -> c.contains(serverAddress)).orElse(false));
    boolean client =
        clientNetwork
            .map(n -> Cidr.tryParse(n).map(c -> c.contains(clientAddress)).orElse(false))
            .orElse(true);
    return server && client;
  }

  /**
   * The way a proof of {@code kind} must come in on this host (its addresses from {@code ip addr},
   * the private path from the answers).
   *
   * @param sessionServer the server address of the wizard's own session, shown when it counts
   * @throws ProofException when the host has no address for that path
   */
  public static ExpectedPath onHost(
      Host host, EvidenceKind kind, Answers answers, Optional<String> sessionServer)
      throws HostException, ProofException {
    ExecResult ip = host.exec("ip", "-o", "addr", "show");
    var addrs = IpAddrShowParser.parse(ip.stdout());
    Optional<ExpectedPath> p =
        kind == EvidenceKind.KEY_LOGIN
            ? keyLogin(addrs, sessionServer)
            : privatePath(addrs, PrivatePath.of(answers), sessionServer);
    return p.orElseThrow(() -> new ProofException("proof.local.no-address." + kind.id()));
  }

  /** Any global address; shown: the address of the wizard's own session, else the first IPv4. */
  public static Optional<ExpectedPath> keyLogin(
      List<InterfaceAddress> addrs, Optional<String> sessionServer) {
    List<String> all = global(addrs);
    Optional<String> shown =
        sessionServer
            .filter(s -> contains(all, s))
            .or(() -> firstV4(addrs, all))
            .or(() -> all.stream().findFirst());
    return shown.map(s -> new ExpectedPath(EvidenceKind.KEY_LOGIN, all, Optional.empty(), s));
  }

  /** Only the private path's addresses (Tailscale), or any address from the private CIDR. */
  public static Optional<ExpectedPath> privatePath(
      List<InterfaceAddress> addrs, PrivatePath path, Optional<String> sessionServer) {
    if (path.iface().isPresent()) {
      List<String> tail =
          addrs.stream()
              .filter(a -> a.device().equals(path.iface().get()))
              .map(InterfaceAddress::address)
              .filter(a -> TAILNET_V4.contains(a) || TAILNET_V6.contains(a))
              .toList();
      return firstV4(addrs, tail)
          .map(s -> new ExpectedPath(EvidenceKind.PRIVATE_PATH_LOGIN, tail, Optional.empty(), s));
    }
    List<String> all = global(addrs);
    Cidr net = Cidr.parse(path.cidr());
    Optional<String> shown =
        all.stream()
            .filter(net::contains)
            .findFirst()
            .or(() -> sessionServer.filter(s -> contains(all, s)))
            .or(() -> firstV4(addrs, all));
    return shown.map(
        s -> new ExpectedPath(EvidenceKind.PRIVATE_PATH_LOGIN, all, Optional.of(path.cidr()), s));
  }

  private static List<String> global(List<InterfaceAddress> addrs) {
    return addrs.stream()
        .filter(a -> !a.device().equals("lo"))
        .map(InterfaceAddress::address)
        .filter(a -> !a.toLowerCase(java.util.Locale.ROOT).startsWith("fe80:"))
        .filter(a -> !a.startsWith("127."))
        .toList();
  }

  private static Optional<String> firstV4(List<InterfaceAddress> addrs, List<String> among) {
    return addrs.stream()
        .filter(a -> a.family().equals("inet"))
        .map(InterfaceAddress::address)
        .filter(among::contains)
        .findFirst();
  }

  private static boolean contains(List<String> addrs, String a) {
    return addrs.stream().anyMatch(x -> Cidr.tryParse(x).map(c -> c.contains(a)).orElse(false));
  }
}
