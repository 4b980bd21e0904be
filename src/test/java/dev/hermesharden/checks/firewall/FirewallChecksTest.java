package dev.hermesharden.checks.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.ufw.FirewallFacts;
import dev.hermesharden.system.ufw.SshPortReader.SshPorts;
import dev.hermesharden.system.ufw.UfwStatusParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirewallChecksTest {
  private static final StepContext TAILSCALE = StepContext.of(Answers.EMPTY);
  private static final StepContext CIDR =
      StepContext.of(
          Answers.EMPTY
              .with(Answers.PRIVATE_PATH_KIND, "cidr")
              .with(Answers.PRIVATE_PATH_CIDR, "10.8.0.0/24"));
  private static final String IPV6_YES = "IPV6=yes\nDEFAULT_INPUT_POLICY=\"DROP\"\n";

  static String fixture(String name) {
    try (InputStream in = FirewallChecksTest.class.getResourceAsStream("/fixtures/ufw/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("fixture missing: " + name, e);
    }
  }

  static FirewallFacts facts(String statusFixture, List<Integer> ports) {
    return new FirewallFacts(
        Optional.of(UfwStatusParser.parse(fixture(statusFixture))),
        Optional.of(IPV6_YES),
        new SshPorts(ports, false));
  }

  private static Status status(Verdict v) {
    return v.status();
  }

  @Test
  void active() {
    UfwActiveCheck c = new UfwActiveCheck();
    assertEquals(
        Status.PASS,
        status(c.evaluate(facts("status-verbose-mixed.txt", List.of(22)), Params.NONE, TAILSCALE)));
    Verdict off = c.evaluate(facts("status-inactive.txt", List.of(22)), Params.NONE, TAILSCALE);
    assertEquals(Status.FAIL, off.status());
    assertEquals("reason.firewall.inactive", off.reason().key());
    FirewallFacts none =
        new FirewallFacts(Optional.empty(), Optional.empty(), new SshPorts(List.of(22), true));
    assertEquals(
        "reason.firewall.not-installed", c.evaluate(none, Params.NONE, TAILSCALE).reason().key());
  }

  @Test
  void defaultPolicies() {
    UfwDefaultPolicyCheck c = new UfwDefaultPolicyCheck();
    Params in = new Params(Map.of("direction", "incoming"));
    Params out = new Params(Map.of("direction", "outgoing", "accept", List.of("allow", "deny")));
    FirewallFacts good = facts("status-verbose-mixed.txt", List.of(22));
    FirewallFacts bad = facts("status-verbose-allow-incoming.txt", List.of(22));
    assertEquals(Status.PASS, c.evaluate(good, in, TAILSCALE).status());
    assertEquals(Status.PASS, c.evaluate(good, out, TAILSCALE).status());
    Verdict openIn = c.evaluate(bad, in, TAILSCALE);
    assertEquals(Status.FAIL, openIn.status());
    assertEquals(List.of("incoming", "allow", "deny"), openIn.reason().args());
    assertEquals(
        Status.PASS,
        c.evaluate(bad, out, TAILSCALE).status(),
        "deny outgoing is stricter: accepted");
    assertEquals(
        Status.FAIL,
        c.evaluate(bad, new Params(Map.of("direction", "outgoing", "accept", "allow")), TAILSCALE)
            .status());
    assertEquals(
        Status.FAIL, c.evaluate(facts("status-inactive.txt", List.of(22)), in, TAILSCALE).status());
  }

  @Test
  void ipv6() {
    UfwIpv6Check c = new UfwIpv6Check();
    FirewallFacts on = facts("status-verbose-mixed.txt", List.of(22));
    assertEquals(Status.PASS, c.evaluate(on, Params.NONE, TAILSCALE).status());
    FirewallFacts off =
        new FirewallFacts(on.status(), Optional.of(fixture("default-ufw-ipv6-no.txt")), on.ssh());
    Verdict v = c.evaluate(off, Params.NONE, TAILSCALE);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("no"), v.reason().args());
    assertEquals(
        Status.FAIL,
        c.evaluate(
                new FirewallFacts(on.status(), Optional.empty(), on.ssh()), Params.NONE, TAILSCALE)
            .status());
  }

  @Test
  void ruleOnTailscale0CountsAsPrivate() {
    SshPrivateRuleCheck c = new SshPrivateRuleCheck();
    assertEquals(
        Status.PASS,
        c.evaluate(facts("status-verbose-private-only.txt", List.of(22)), Params.NONE, TAILSCALE)
            .status());
    assertEquals(
        Status.PASS,
        c.evaluate(facts("status-verbose-mixed.txt", List.of(22)), Params.NONE, TAILSCALE)
            .status());
  }

  @Test
  void privateRuleMustCoverEverySshPort() {
    Verdict v =
        new SshPrivateRuleCheck()
            .evaluate(
                facts("status-verbose-private-only.txt", List.of(22, 2222)),
                Params.NONE,
                TAILSCALE);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("2222", "tailscale0"), v.reason().args());
  }

  @Test
  void cidrPathNeedsAFromRuleInsideTheCidr() {
    SshPrivateRuleCheck c = new SshPrivateRuleCheck();
    assertEquals(
        Status.PASS,
        c.evaluate(facts("status-verbose-cidr-openssh.txt", List.of(22)), Params.NONE, CIDR)
            .status());
    // the tailscale0 rule of the mixed fixture is no proof for a 10.8.0.0/24 path
    assertEquals(
        Status.FAIL,
        c.evaluate(facts("status-verbose-private-only.txt", List.of(22)), Params.NONE, CIDR)
            .status());
    assertEquals(
        Status.FAIL,
        c.evaluate(facts("status-inactive.txt", List.of(22)), Params.NONE, CIDR).status());
  }

  @Test
  void publicSshRuleFails() {
    NoPublicSshCheck c = new NoPublicSshCheck();
    Verdict v = c.evaluate(facts("status-verbose-mixed.txt", List.of(22)), Params.NONE, TAILSCALE);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("22", "2"), v.reason().args(), "the v4 rule and its v6 twin");
    assertEquals(
        "22/tcp ALLOW IN Anywhere; 22/tcp (v6) ALLOW IN Anywhere", v.details().get("rules"));
  }

  @Test
  void onlyPrivateRulesPass() {
    Verdict v =
        new NoPublicSshCheck()
            .evaluate(
                facts("status-verbose-private-only.txt", List.of(22)), Params.NONE, TAILSCALE);
    assertEquals(Status.PASS, v.status());
  }

  @Test
  void openSshAppAndLimitRulesArePublicToo() {
    Verdict v =
        new NoPublicSshCheck()
            .evaluate(
                facts("status-verbose-cidr-openssh.txt", List.of(22, 2222)), Params.NONE, CIDR);
    assertEquals(Status.FAIL, v.status());
    assertEquals("3", v.reason().args().get(1), "OpenSSH, its v6 twin and LIMIT 2222");
  }

  @Test
  void inactiveFirewallLeavesSshPublic() {
    Verdict v =
        new NoPublicSshCheck()
            .evaluate(facts("status-inactive.txt", List.of(22)), Params.NONE, TAILSCALE);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.firewall.public-ssh-inactive", v.reason().key());
  }

  @Test
  void portFromSshdIsUsed() {
    // 443 and 22 are public in the mixed fixture; on port 2200 only "Anywhere on tailscale0"
    // applies
    assertEquals(
        Status.PASS,
        new NoPublicSshCheck()
            .evaluate(facts("status-verbose-mixed.txt", List.of(2200)), Params.NONE, TAILSCALE)
            .status());
    assertEquals(
        Status.PASS,
        new SshPrivateRuleCheck()
            .evaluate(facts("status-verbose-mixed.txt", List.of(2200)), Params.NONE, TAILSCALE)
            .status());
  }
}
