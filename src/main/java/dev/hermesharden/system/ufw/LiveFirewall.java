package dev.hermesharden.system.ufw;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.net.IpAddrShowParser;
import dev.hermesharden.system.net.IpAddrShowParser.InterfaceAddress;
import dev.hermesharden.system.net.IpAddresses;
import dev.hermesharden.system.netfilter.FilterEvaluator;
import dev.hermesharden.system.netfilter.Packet;
import dev.hermesharden.system.netfilter.Ruleset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The packet filter the kernel runs now ({@code iptables-save}, {@code ip6tables-save}) and this
 * machine's addresses, asked the questions the firewall checks are about: can a new TCP connection
 * from the internet reach port P on a public interface, and can one from the private path? Rules
 * outside ufw (a raw {@code iptables -I INPUT … -j ACCEPT}) and ufw rules removed from {@code
 * user.rules} without a reload are in this answer; they are not in {@code ufw status}.
 *
 * @param v4 the IPv4 filter table, empty when {@code iptables-save} could not be run
 * @param v6 the IPv6 filter table, empty when {@code ip6tables-save} could not be run
 */
public record LiveFirewall(
    Optional<Ruleset> v4, Optional<Ruleset> v6, List<InterfaceAddress> addresses) {
  /** Internet addresses tried as "anyone" (documentation ranges: no real host is named). */
  private static final List<String> ANYONE_V4 = List.of("198.51.100.77", "192.0.2.77");

  private static final List<String> ANYONE_V6 = List.of("2001:db8:ffff::77");

  /** Container bridges: traffic on them comes from this machine's containers, not the internet. */
  private static final List<String> BRIDGES = List.of("docker", "br-", "veth");

  public LiveFirewall {
    addresses = List.copyOf(addresses);
  }

  public static final LiveFirewall UNKNOWN =
      new LiveFirewall(Optional.empty(), Optional.empty(), List.of());

  /** Reads only: the two {@code -save} tools and {@code ip -o addr show}. */
  public static LiveFirewall gather(Host host) throws HostException {
    ExecResult a = host.exec("ip", "-o", "addr", "show");
    return new LiveFirewall(
        save(host, "iptables-save"),
        save(host, "ip6tables-save"),
        a.ok() ? IpAddrShowParser.parse(a.stdout()) : List.of());
  }

  private static Optional<Ruleset> save(Host host, String tool) throws HostException {
    ExecResult r = host.exec(tool);
    // parsed once per run of checks: every firewall check asks, and a ruleset may be long
    return r.ok()
        ? Optional.of(host.parsed(Ruleset.KIND, tool, r.stdout(), Ruleset::parse))
        : Optional.empty();
  }

  public boolean known() {
    return v4.isPresent();
  }

  /** Whether ufw's IPv4 chains are loaded (what {@code ufw status} reports as active). */
  public boolean ufwLoaded() {
    return v4.map(r -> r.hasChain("ufw-user-input")).orElse(false);
  }

  public boolean ufw6Loaded() {
    return v6.map(r -> r.hasChain("ufw6-user-input")).orElse(false);
  }

  /**
   * One connection tried and how it ended.
   *
   * @param accepted the accepting way through, empty when every way drops or rejects it
   */
  public record Attempt(Packet packet, Optional<FilterEvaluator.Outcome> accepted) {
    public String label() {
      String src = packet.v6() ? "[" + packet.src() + "]" : packet.src();
      String dst = packet.v6() ? "[" + packet.dst() + "]" : packet.dst();
      return src + " -> " + dst + ":" + packet.dstPort() + " on " + packet.inIface().orElse("?");
    }
  }

  /**
   * New connections from the internet to {@code port} arriving on every public interface (every
   * interface but loopback, container bridges and the private path's), from "anyone" and from every
   * public network a rule of the live filter names as a source (of those, one of each set the rules
   * treat alike and unlike "anyone", {@link FilterEvaluator#distinctBySource}). Each is addressed
   * to the interface's own addresses and then to every other address of this machine of the family
   * ({@link #destinations}). IPv6 is tried on interfaces that have a global IPv6 address.
   */
  public List<Attempt> fromInternet(int port, PrivatePath path) {
    List<Attempt> out = new ArrayList<>();
    Set<String> asked = new java.util.HashSet<>();
    for (InterfaceAddress ia : addresses) {
      if (ia.device().equals("lo")
          || path.iface().map(ia.device()::equals).orElse(false)
          || BRIDGES.stream().anyMatch(ia.device()::startsWith)
          || linkLocal(ia)
          || !asked.add(ia.device() + " " + ia.family())) {
        continue;
      }
      boolean six = ia.family().equals("inet6");
      Optional<Ruleset> rs = six ? v6 : v4;
      if (rs.isEmpty()) {
        continue;
      }
      for (String dst :
          FilterEvaluator.distinctByDestination(rs.get(), destinations(ia.device(), ia.family()))) {
        List<Packet> anyone = new ArrayList<>();
        List<Packet> named = new ArrayList<>();
        for (String src : sources(rs.get(), six, path)) {
          Packet p = Packet.tcpInFromAnyPort(ia.device(), src, dst, port);
          (anyone(src, six) ? anyone : named).add(p);
        }
        for (Packet p : FilterEvaluator.distinctBySource(rs.get(), anyone, named)) {
          out.add(new Attempt(p, FilterEvaluator.reachable(rs.get(), "INPUT", p)));
        }
      }
    }
    return out;
  }

  /**
   * The addresses a packet arriving on {@code device} can be for: its own, then every other address
   * of this machine of the family but loopback and link-local ones. Linux answers for any of its
   * addresses on any interface (the weak host model): a neighbour on the public link reached sshd
   * at the tailnet address 100.64.0.10 through a rule {@code -d 100.64.0.10 … -j ACCEPT} without
   * {@code -i}, while the check had tried only 203.0.113.10 (EarlyStepsHostileSandbox3Test).
   * Caveat: only a host on the same link (or a router on the way) can send such a packet.
   */
  private List<String> destinations(String device, String family) {
    Set<String> out = new LinkedHashSet<>();
    for (InterfaceAddress ia : addresses) {
      if (ia.device().equals(device) && ia.family().equals(family) && !linkLocal(ia)) {
        out.add(ia.address());
      }
    }
    for (InterfaceAddress ia : addresses) {
      if (!ia.device().equals("lo")
          && ia.family().equals(family)
          && !linkLocal(ia)
          && !ia.address().startsWith("127.")
          && !ia.address().equals("::1")) {
        out.add(ia.address());
      }
    }
    return List.copyOf(out);
  }

  private static boolean linkLocal(InterfaceAddress ia) {
    return ia.address().toLowerCase(java.util.Locale.ROOT).startsWith("fe80");
  }

  /** New connections over the private path to {@code port}: on its interface, from inside it. */
  public List<Attempt> fromPrivatePath(int port, PrivatePath path) {
    List<Attempt> out = new ArrayList<>();
    Optional<Cidr> net = Cidr.tryParse(path.cidr());
    if (v4.isEmpty() || net.isEmpty()) {
      return out;
    }
    byte[] src = net.get().network().clone();
    src[src.length - 1] |= 2;
    for (InterfaceAddress ia : addresses) {
      boolean on =
          path.iface().map(ia.device()::equals).orElse(!ia.device().equals("lo"))
              && ia.family().equals("inet");
      if (on) {
        Packet p = Packet.tcpIn(ia.device(), IpAddresses.format(src), ia.address(), port);
        out.add(new Attempt(p, FilterEvaluator.reachable(v4.get(), "INPUT", p)));
      }
    }
    return out;
  }

  private static boolean anyone(String src, boolean six) {
    return (six ? ANYONE_V6 : ANYONE_V4).contains(src);
  }

  /** "Anyone" plus the first host of every public source network the filter names. */
  private static List<String> sources(Ruleset rs, boolean six, PrivatePath path) {
    Set<String> out = new LinkedHashSet<>(six ? ANYONE_V6 : ANYONE_V4);
    Optional<Cidr> privateNet = Cidr.tryParse(path.cidr()); // once, not once per rule
    for (List<Ruleset.Rule> rules : rs.rules().values()) {
      for (Ruleset.Rule r : rules) {
        int s = r.args().indexOf("-s");
        if (s < 0 || s + 1 >= r.args().size() || (s > 0 && r.args().get(s - 1).equals("!"))) {
          continue;
        }
        Optional<Cidr> c = Cidr.tryParse(r.args().get(s + 1));
        if (c.isEmpty() || c.get().prefix() == 0) {
          continue;
        }
        byte[] host = c.get().network().clone();
        if (c.get().prefix() < host.length * 8) {
          host[host.length - 1] |= 1;
        }
        if (PublicAddress.isPublic(host) && !privateNet.map(n -> n.contains(host)).orElse(false)) {
          out.add(IpAddresses.format(host));
        }
      }
    }
    return List.copyOf(out);
  }
}
