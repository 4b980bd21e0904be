package dev.hermesharden.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.net.IpAddrShowParser;
import dev.hermesharden.system.netfilter.Ruleset;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.LiveFirewall;
import dev.hermesharden.system.ufw.SshPortReader.SshPorts;
import dev.hermesharden.system.ufw.UfwStatusParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The firewall checks with the live packet filter: real {@code iptables-save} output of the sandbox
 * VPS (ufw limit 22/tcp and SSH on tailscale0, IPV6=no at enable), edited the way an admin or a
 * provider script would.
 */
class LiveFirewallChecksTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final String ADDRS =
      "2: eth0    inet 203.0.113.10/24 scope global eth0\\       valid_lft forever\n"
          + "2: eth0    inet6 2001:db8::10/64 scope global \\       valid_lft forever\n"
          + "3: tailscale0    inet 100.64.0.10/10 scope global tailscale0\\       valid_lft forever\n";
  private static final String CLOSED_STATUS =
      "Status: active\nLogging: on (low)\nDefault: deny (incoming), allow (outgoing), deny (routed)\n"
          + "New profiles: skip\n\nTo                         Action      From\n"
          + "--                         ------      ----\n"
          + "22/tcp on tailscale0       ALLOW IN    Anywhere\n\n";

  static String fixture(String name) {
    try (InputStream in =
        LiveFirewallChecksTest.class.getResourceAsStream("/fixtures/netfilter/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("fixture missing: " + name, e);
    }
  }

  /** The limit rule taken out: public SSH closed, the tailnet rule kept. */
  static String closedV4() {
    return String.join(
        "\n",
        fixture("iptables-save-ufw-limit-tailscale.txt")
            .lines()
            .filter(l -> !(l.contains("--dport 22") && !l.contains("tailscale0")))
            .toList());
  }

  static FirewallFacts facts(Optional<String> status, String v4, String ipv6) {
    return new FirewallFacts(
        status.map(UfwStatusParser::parse),
        Optional.of("IPV6=" + ipv6 + "\n"),
        new SshPorts(List.of(22), false),
        status.isPresent() ? Optional.empty() : Optional.of("ERROR: problem running ip6tables"),
        new LiveFirewall(
            Optional.of(Ruleset.parse(v4)),
            Optional.of(Ruleset.parse(fixture("ip6tables-save-ufw-ipv6-no.txt"))),
            IpAddrShowParser.parse(ADDRS)));
  }

  private static Verdict noPublic(FirewallFacts f) {
    return new NoPublicSshCheck().evaluate(f, Params.NONE, CTX);
  }

  @Test
  void closedWhereUfwAndTheLiveFilterAgree() {
    Verdict v = noPublic(facts(Optional.of(CLOSED_STATUS), closedV4(), "no"));
    assertEquals(Status.PASS, v.status(), v.toString());
    assertTrue(v.details().get("live").contains("dropped"), v.details().toString());
  }

  /**
   * A second SSH server of root's on 2200 (settings of its own) and a raw ACCEPT for 2200: sshd's
   * own port 22 is closed, yet SSH is reachable from the internet. With nothing listening there but
   * a web server, 2200 is no SSH port and the same filter passes.
   */
  @Test
  void anotherSshServersPortIsAnSshPortToo() {
    String raw =
        closedV4()
            .replace(
                "-A INPUT -j ufw-before-logging-input",
                "-A INPUT -p tcp -m tcp --dport 2200 -j ACCEPT\n-A INPUT -j ufw-before-logging-input");
    FirewallFacts plain = facts(Optional.of(CLOSED_STATUS), raw, "no");
    assertEquals(Status.PASS, noPublic(plain).status(), noPublic(plain).toString());
    FirewallFacts second =
        new FirewallFacts(
            plain.status(),
            plain.defaultsFile(),
            new SshPorts(List.of(22), false, List.of(2200)),
            plain.statusError(),
            plain.live());
    Verdict v = noPublic(second);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.firewall.public-ssh-other-server", v.reason().key(), v.toString());
    assertEquals(List.of("2200", v.details().get("open")), v.reason().args());
    assertTrue(v.details().get("open").contains(":2200"), v.details().toString());
  }

  @Test
  void aRawAcceptOutsideUfwOpensWhatUfwCloses() {
    String raw =
        closedV4()
            .replace(
                "-A INPUT -j ufw-before-logging-input",
                "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -j ufw-before-logging-input");
    Verdict v = noPublic(facts(Optional.of(CLOSED_STATUS), raw, "no"));
    assertEquals("reason.firewall.public-ssh-outside-ufw", v.reason().key());
  }

  /**
   * A raw accept for the tailnet address without {@code -i}: Linux answers for any of its addresses
   * on any interface, and a neighbour on the public link reached sshd at 100.64.0.10
   * (EarlyStepsHostileSandbox3Test). Only 203.0.113.10 was tried on eth0, and the check passed.
   */
  @Test
  void aRawAcceptForThePrivateAddressOpensItOnThePublicLink() {
    String raw =
        closedV4()
            .replace(
                "-A INPUT -j ufw-before-logging-input",
                "-A INPUT -d 100.64.0.10/32 -p tcp -m tcp --dport 22 -j ACCEPT\n"
                    + "-A INPUT -j ufw-before-logging-input");
    Verdict v = noPublic(facts(Optional.of(CLOSED_STATUS), raw, "no"));
    assertEquals("reason.firewall.public-ssh-outside-ufw", v.reason().key(), v.toString());
    assertTrue(v.details().get("open").contains("-> 100.64.0.10:22 on eth0"), v.toString());
  }

  @Test
  void aUfwRuleRemovedFromItsFilesButStillLoadedNeedsAReload() {
    Verdict v =
        noPublic(
            facts(
                Optional.of(CLOSED_STATUS),
                fixture("iptables-save-ufw-limit-tailscale.txt"),
                "no"));
    assertEquals("reason.firewall.public-ssh-not-reloaded", v.reason().key());
  }

  @Test
  void whenUfwStatusFailsTheLiveFilterStillAnswers() {
    FirewallFacts f = facts(Optional.empty(), closedV4(), "yes");
    assertEquals(Status.PASS, noPublic(f).status());
    assertEquals(
        "reason.firewall.active-live",
        new UfwActiveCheck().evaluate(f, Params.NONE, CTX).reason().key());
    assertEquals(Status.PASS, new SshPrivateRuleCheck().evaluate(f, Params.NONE, CTX).status());
    assertEquals(
        "reason.firewall.ipv6-not-loaded-dropped",
        new UfwIpv6Check().evaluate(f, Params.NONE, CTX).reason().key());
    Verdict in =
        new UfwDefaultPolicyCheck().evaluate(f, new Params(Map.of("direction", "incoming")), CTX);
    assertEquals(Status.PASS, in.status(), in.toString());
  }

  @Test
  void ipv6NoIsDroppedNotOpen() {
    Verdict v =
        new UfwIpv6Check()
            .evaluate(facts(Optional.of(CLOSED_STATUS), closedV4(), "no"), Params.NONE, CTX);
    assertEquals(Status.PASS, v.status());
    assertEquals("reason.firewall.ipv6-dropped", v.reason().key());
  }
}
