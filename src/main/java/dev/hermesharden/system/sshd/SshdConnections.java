package dev.hermesharden.system.sshd;

import dev.hermesharden.system.net.Cidr;
import dev.hermesharden.system.net.IpAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The connections whose effective configuration decides whether sshd is hardened: the admin's own,
 * root's from the same address, and for every Match block at least one connection it matches (for a
 * block without a User or Group criterion, as the admin and as root). A block is matched by picking
 * values from its own patterns (an address inside {@code Address 198.51.100.0/24}, a member of
 * {@code Group staff}) and from a pool of typical internet and private addresses; {@code sshd -T
 * -C} then decides for real, so a pick the model gets wrong costs a question, never a verdict.
 */
public final class SshdConnections {
  /** Addresses tried for patterns with wildcards or negations: internet, private, loopback. */
  private static final List<String> POOL =
      List.of(
          "198.51.100.23",
          "203.0.113.99",
          "192.0.2.45",
          "100.64.0.99",
          "10.0.0.99",
          "172.16.0.99",
          "192.168.1.99",
          "127.0.0.1",
          "2001:db8::99");

  private static final int MAX = 48;

  private SshdConnections() {}

  /**
   * @param client the admin's address as sshd sees it, empty when unknown (127.0.0.1 is used)
   * @param port the port sshd listens on first, given as {@code lport}
   */
  public static List<SshdConnection> of(
      SshdConfigFiles files,
      String admin,
      Optional<String> client,
      String port,
      SshdAccounts accounts) {
    String addr = client.orElse("127.0.0.1");
    String host = client.orElse("localhost");
    Map<String, SshdConnection> out = new LinkedHashMap<>();
    add(out, new MatchSpec(admin, host, addr, Optional.empty(), Optional.of(port)), "admin");
    add(out, new MatchSpec("root", host, addr, Optional.empty(), Optional.of(port)), "root");
    for (MatchBlock b : files.matchBlocks()) {
      String origin = "Match " + b.criteria() + " (" + b.source() + ")";
      Set<String> keys = criteria(b.criteria()).keySet();
      boolean byAccount = keys.contains("user") || keys.contains("group");
      for (MatchSpec spec : forBlock(b.criteria(), admin, addr, port, accounts)) {
        out.putIfAbsent(spec.toArgument(), new SshdConnection(spec, origin, byAccount));
      }
    }
    return List.copyOf(out.values()).subList(0, Math.min(MAX, out.size()));
  }

  private static void add(Map<String, SshdConnection> out, MatchSpec spec, String origin) {
    out.putIfAbsent(spec.toArgument(), new SshdConnection(spec, origin));
  }

  /** A Match line's criteria, by keyword in lower case. */
  private static Map<String, String> criteria(String criteria) {
    Map<String, String> crit = new LinkedHashMap<>();
    String[] t = criteria.strip().split("\\s+");
    for (int i = 0; i + 1 < t.length; i += 2) {
      crit.put(t[i].toLowerCase(Locale.ROOT), t[i + 1]);
    }
    return crit;
  }

  /** Connections that satisfy one Match line, as far as this model can tell. */
  static List<MatchSpec> forBlock(
      String criteria, String admin, String adminAddr, String port, SshdAccounts accounts) {
    Map<String, String> crit = criteria(criteria);
    List<String> users = users(crit, admin, accounts);
    String addr =
        crit.containsKey("address")
            ? pick(
                    crit.get("address"),
                    adminAddr,
                    a -> MatchCriteria.addressList(a, crit.get("address")))
                .orElse(adminAddr)
            : adminAddr;
    String host =
        crit.containsKey("host")
            ? pick(
                    crit.get("host"),
                    addr,
                    h -> MatchCriteria.patternList(h, crit.get("host"), true))
                .orElse(addr)
            : addr;
    Optional<String> laddr =
        crit.containsKey("localaddress")
            ? pick(
                crit.get("localaddress"),
                adminAddr,
                a -> MatchCriteria.addressList(a, crit.get("localaddress")))
            : Optional.empty();
    String lport =
        crit.containsKey("localport")
            ? pick(
                    crit.get("localport"),
                    port,
                    p -> MatchCriteria.patternList(p, crit.get("localport"), false))
                .orElse(port)
            : port;
    List<MatchSpec> out = new ArrayList<>();
    for (String u : users) {
      out.add(new MatchSpec(u, host, addr, laddr, Optional.of(lport)));
    }
    return out;
  }

  private static List<String> users(Map<String, String> crit, String admin, SshdAccounts accounts) {
    Set<String> out = new LinkedHashSet<>();
    String userList = crit.get("user");
    String groupList = crit.get("group");
    List<String> candidates = new ArrayList<>(List.of(admin, "root"));
    if (userList != null) {
      candidates.addAll(fromPatterns(userList, "user"));
    }
    candidates.addAll(accounts.names());
    for (String c : candidates) {
      boolean userOk = userList == null || MatchCriteria.patternList(c, userList, false);
      boolean groupOk =
          groupList == null
              || accounts.groupsOf(c).stream()
                  .anyMatch(g -> MatchCriteria.patternList(g, groupList, false));
      if (userOk && groupOk) {
        out.add(c);
      }
      if (out.size() >= (userList == null && groupList == null ? 2 : 3)) {
        break;
      }
    }
    if (out.isEmpty()) {
      // no account the model knows matches: ask sshd about the pattern's own name
      out.add(fromPatterns(userList == null ? admin : userList, "user").get(0));
    }
    return List.copyOf(out);
  }

  /** The first value, from the list's own entries, then the fallback, then the pool, that fits. */
  private static Optional<String> pick(String list, String fallback, Predicate<String> fits) {
    List<String> candidates = new ArrayList<>(fromPatterns(list, "x"));
    candidates.add(fallback);
    candidates.addAll(POOL);
    return candidates.stream().filter(fits).findFirst();
  }

  /** Concrete values made from a pattern list's positive entries (wildcards filled in). */
  static List<String> fromPatterns(String list, String filler) {
    List<String> out = new ArrayList<>();
    for (String raw : list.split(",")) {
      if (raw.startsWith("!") || raw.isEmpty()) {
        continue;
      }
      Optional<Cidr> net = raw.contains("/") ? Cidr.tryParse(raw) : Optional.empty();
      if (net.isPresent()) {
        byte[] a = net.get().network().clone();
        if (net.get().prefix() < a.length * 8) {
          a[a.length - 1] |= 1; // the first host of the network
        }
        out.add(IpAddresses.format(a));
      } else if (raw.contains("*") || raw.contains("?")) {
        boolean numeric = raw.replaceAll("[*?]", "").matches("[0-9.:]*");
        out.add(raw.replace("*", numeric ? "1" : filler).replace("?", numeric ? "1" : "x"));
      } else {
        out.add(raw);
      }
    }
    return out.isEmpty() ? List.of(filler) : out;
  }
}
