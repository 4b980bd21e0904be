package dev.hermesharden.system.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live-filter evaluator over real {@code iptables-save} output of ufw 0.36.2 on iptables 1.8.9
 * (nf_tables), recorded in the sandbox VPS: {@code ufw allow in on tailscale0 to any port 22 proto
 * tcp}, {@code ufw limit 22/tcp}, enabled with IPV6=no, Docker running.
 */
class FilterEvaluatorTest {
  static String fixture(String name) {
    try (InputStream in =
        FilterEvaluatorTest.class.getResourceAsStream("/fixtures/netfilter/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("fixture missing: " + name, e);
    }
  }

  static final String V4 = fixture("iptables-save-ufw-limit-tailscale.txt");

  private static Packet internet(int port) {
    return Packet.tcpInFromAnyPort("eth0", "198.51.100.77", "203.0.113.10", port);
  }

  @Test
  void aSourcePortRuleLetsInWhoeverPicksThatPort() {
    // iptables -I INPUT -p tcp --sport 53 -j ACCEPT on ufw's filter: sshd answered a connection
    // from port 53 (EarlyStepsHostileSandbox2Test); asked from port 40022 only, it was "dropped"
    String hole =
        V4.replaceFirst(
            "(?m)^(-A INPUT -j ufw-before-logging-input)$",
            "-A INPUT -p tcp -m tcp --sport 53 -j ACCEPT\n$1");
    assertTrue(hole.contains("--sport 53 -j ACCEPT"), "the fixture has ufw's first INPUT jump");
    Ruleset rs = Ruleset.parse(hole);
    // port 2222: the fixture's ufw limits 22 (open to all), and opens nothing else to the internet
    var open = FilterEvaluator.reachable(rs, "INPUT", internet(2222));
    assertTrue(open.isPresent(), "a stranger connects from port 53");
    assertEquals("-A INPUT -p tcp -m tcp --sport 53 -j ACCEPT", open.get().decidedBy());
    assertFalse(
        FilterEvaluator.reachable(Ruleset.parse(V4), "INPUT", internet(2222)).isPresent(),
        "without the rule ufw drops it whatever the port");
    // a rule that drops only some source ports leaves the others to the next rules
    Ruleset dropSome =
        Ruleset.parse(
            "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m tcp ! --sport 1024:65535 -j DROP\n"
                + "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n");
    assertTrue(FilterEvaluator.reachable(dropSome, "INPUT", internet(22)).isPresent());
  }

  @Test
  void sourcesTheRulesTreatAlikeAreWalkedOnceWithTheSameOutcomes() {
    StringBuilder save = new StringBuilder("*filter\n:INPUT DROP [0:0]\n:user - [0:0]\n");
    save.append("-A INPUT -j user\n");
    save.append("-A user -s 198.51.100.0/24 -p tcp -m tcp --dport 22 -j DROP\n");
    save.append("-A user -s 198.51.100.9/32 -p tcp -m tcp --dport 22 -j ACCEPT\n");
    save.append("-A user -s 203.0.113.0/24 -p tcp -m tcp --dport 22 -j ACCEPT\n");
    List<Packet> named = new java.util.ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      // 200 sources named by rules for other ports: alike for port 22, save by the networks above
      save.append("-A user -s 192.0.2.")
          .append(i)
          .append("/32 -p tcp -m tcp --dport ")
          .append(20000 + i)
          .append(" -j ACCEPT\n");
      named.add(Packet.tcpIn("eth0", "192.0.2." + i, "203.0.113.10", 22));
    }
    for (String src : List.of("198.51.100.1", "198.51.100.9", "203.0.113.5", "203.0.113.6")) {
      named.add(Packet.tcpIn("eth0", src, "203.0.113.10", 22));
    }
    save.append("COMMIT\n");
    Ruleset rs = Ruleset.parse(save.toString());
    List<Packet> anyone = List.of(Packet.tcpIn("eth0", "198.51.100.77", "203.0.113.10", 22));
    List<Packet> kept = FilterEvaluator.distinctBySource(rs, anyone, named);
    // anyone (inside 198.51.100.0/24: dropped); 192.0.2.x (in none of them); .9; 203.0.113.x
    assertEquals(
        List.of("198.51.100.77", "192.0.2.1", "198.51.100.9", "203.0.113.5"),
        kept.stream().map(Packet::src).toList());
    java.util.Set<Boolean> all = new java.util.HashSet<>();
    java.util.Set<Boolean> few = new java.util.HashSet<>();
    for (Packet p : named) {
      all.add(FilterEvaluator.reachable(rs, "INPUT", p).isPresent());
    }
    for (Packet p : kept) {
      few.add(FilterEvaluator.reachable(rs, "INPUT", p).isPresent());
    }
    assertEquals(all, few, "the kept sources reach every outcome the others reach");
  }

  /**
   * This machine's addresses are walked once per set the {@code -d} rules tell apart: without such
   * a rule one walk stands for all; {@code -d 100.64.0.10 … ACCEPT} sets that address apart (the
   * weak-host attack), with the outcome the full walk gives; a match the grouping does not model
   * keeps every address.
   */
  @Test
  void destinationsTheRulesTreatAlikeAreWalkedOnce() {
    List<String> mine = List.of("203.0.113.10", "100.64.0.10", "172.17.0.1");
    String head = "*filter\n:INPUT DROP [0:0]\n";
    Ruleset plain = Ruleset.parse(head + "-A INPUT -p tcp --dport 80 -j ACCEPT\nCOMMIT\n");
    assertEquals(List.of("203.0.113.10"), FilterEvaluator.distinctByDestination(plain, mine));
    Ruleset weak =
        Ruleset.parse(head + "-A INPUT -d 100.64.0.10/32 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n");
    List<String> kept = FilterEvaluator.distinctByDestination(weak, mine);
    assertEquals(List.of("203.0.113.10", "100.64.0.10"), kept);
    java.util.Set<Boolean> all = new java.util.HashSet<>();
    java.util.Set<Boolean> few = new java.util.HashSet<>();
    for (String d : mine) {
      all.add(
          FilterEvaluator.reachable(weak, "INPUT", Packet.tcpIn("eth0", "198.51.100.7", d, 22))
              .isPresent());
    }
    for (String d : kept) {
      few.add(
          FilterEvaluator.reachable(weak, "INPUT", Packet.tcpIn("eth0", "198.51.100.7", d, 22))
              .isPresent());
    }
    assertEquals(all, few, "the kept addresses reach every outcome the others reach");
    Ruleset range =
        Ruleset.parse(
            head
                + "-A INPUT -p tcp -m iprange --dst-range 100.64.0.1-100.64.0.20 -j ACCEPT\n"
                + "COMMIT\n");
    assertEquals(mine, FilterEvaluator.distinctByDestination(range, mine));
  }

  @Test
  void ufwLimitRuleAdmitsTheFirstConnectionFromTheInternet() {
    Ruleset rs = Ruleset.parse(V4);
    assertTrue(rs.hasChain("ufw-user-input"));
    var open = FilterEvaluator.reachable(rs, "INPUT", internet(22));
    assertTrue(open.isPresent());
    assertEquals("-A ufw-user-limit-accept -j ACCEPT", open.get().decidedBy());
    assertFalse(open.get().assumed());
  }

  @Test
  void tailnetIsAcceptedByItsOwnRuleAndUnusedPortsHitThePolicy() {
    Ruleset rs = Ruleset.parse(V4);
    var tail =
        FilterEvaluator.reachable(
            rs, "INPUT", Packet.tcpIn("tailscale0", "100.64.0.2", "100.64.0.10", 22));
    assertEquals(
        "-A ufw-user-input -i tailscale0 -p tcp -m tcp --dport 22 -j ACCEPT",
        tail.orElseThrow().decidedBy());
    List<FilterEvaluator.Outcome> unused = FilterEvaluator.evaluate(rs, "INPUT", internet(65432));
    assertEquals(1, unused.size(), unused.toString());
    assertEquals("DROP", unused.get(0).verdict());
    assertEquals("policy INPUT", unused.get(0).decidedBy());
  }

  @Test
  void withoutTheLimitRuleSshIsClosedAndARawAcceptOutsideUfwOpensItAgain() {
    String closed =
        String.join(
            "\n",
            V4.lines()
                .filter(l -> !(l.contains("--dport 22") && !l.contains("tailscale0")))
                .toList());
    assertTrue(FilterEvaluator.reachable(Ruleset.parse(closed), "INPUT", internet(22)).isEmpty());
    String raw =
        closed.replace(
            "-A INPUT -j ufw-before-logging-input",
            "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -j ufw-before-logging-input");
    assertEquals(
        "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
        FilterEvaluator.reachable(Ruleset.parse(raw), "INPUT", internet(22))
            .orElseThrow()
            .decidedBy());
  }

  @Test
  void ipv6NoDropsEverythingButLoopback() {
    Ruleset v6 = Ruleset.parse(fixture("ip6tables-save-ufw-ipv6-no.txt"));
    assertFalse(v6.hasChain("ufw6-user-input"));
    Packet p = Packet.tcpIn("eth0", "2001:db8:ffff::77", "2001:db8::10", 22);
    assertTrue(FilterEvaluator.reachable(v6, "INPUT", p).isEmpty());
    assertTrue(
        FilterEvaluator.reachable(v6, "INPUT", Packet.tcpIn("lo", "::1", "::1", 22)).isPresent());
  }

  @Test
  void aMatchTheEvaluatorDoesNotKnowIsFollowedBothWays() {
    String text =
        "*filter\n:INPUT DROP [0:0]\n"
            + "-A INPUT -m set --match-set friends src -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n";
    List<FilterEvaluator.Outcome> out =
        FilterEvaluator.evaluate(Ruleset.parse(text), "INPUT", internet(22));
    assertEquals(2, out.size(), out.toString());
    assertTrue(out.get(0).accepted() && out.get(0).assumed(), out.toString());
    assertEquals("DROP", out.get(1).verdict());
  }

  @Test
  void negationsInterfacesAndPortRanges() {
    String text =
        "*filter\n:INPUT DROP [0:0]\n"
            + "-A INPUT ! -i eth+ -j ACCEPT\n"
            + "-A INPUT ! -s 10.0.0.0/8 -p tcp -m multiport --dports 20:25,80 -j ACCEPT\nCOMMIT\n";
    Ruleset rs = Ruleset.parse(text);
    assertTrue(FilterEvaluator.reachable(rs, "INPUT", internet(22)).isPresent());
    assertTrue(FilterEvaluator.reachable(rs, "INPUT", internet(26)).isEmpty());
    assertTrue(
        FilterEvaluator.reachable(rs, "INPUT", Packet.tcpIn("eth0", "10.1.2.3", "10.0.0.1", 22))
            .isEmpty());
    assertTrue(
        FilterEvaluator.reachable(rs, "INPUT", Packet.tcpIn("wg0", "10.1.2.3", "10.0.0.1", 9))
            .isPresent());
  }
}
