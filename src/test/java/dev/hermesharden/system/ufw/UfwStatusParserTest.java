package dev.hermesharden.system.ufw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UfwStatusParserTest {
  static String fixture(String name) {
    try (InputStream in = UfwStatusParserTest.class.getResourceAsStream("/fixtures/ufw/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("fixture missing: " + name, e);
    }
  }

  @Test
  void verboseHeaderAndDefaults() {
    UfwStatus s = UfwStatusParser.parse(fixture("status-verbose-mixed.txt"));
    assertTrue(s.active());
    assertEquals(Optional.of("on (low)"), s.logging());
    assertEquals(Optional.of("deny"), s.defaultPolicy("incoming"));
    assertEquals(Optional.of("allow"), s.defaultPolicy("outgoing"));
    assertEquals(Optional.of("deny"), s.defaultPolicy("routed"));
    assertEquals(9, s.rules().size());
  }

  @Test
  void verboseRowsIncludingInterfacesAndV6Twins() {
    List<UfwRule> r = UfwStatusParser.parse(fixture("status-verbose-mixed.txt")).rules();
    assertEquals(
        new UfwRule(0, "22/tcp", Optional.empty(), "ALLOW", "IN", "Anywhere", false), r.get(0));
    assertEquals(Optional.of("tailscale0"), r.get(1).iface());
    assertEquals("22/tcp", r.get(1).to());
    assertEquals("100.64.0.0/10", r.get(2).from());
    assertEquals("Anywhere", r.get(3).to());
    assertEquals(Optional.of("tailscale0"), r.get(3).iface());
    assertEquals(
        new UfwRule(0, "22/tcp", Optional.empty(), "ALLOW", "IN", "Anywhere", true), r.get(5));
    assertEquals(
        new UfwRule(0, "22/tcp", Optional.of("tailscale0"), "ALLOW", "IN", "Anywhere", true),
        r.get(6));
    // 27 characters in the To column leave a single space before the action
    assertEquals(
        new UfwRule(0, "Anywhere", Optional.of("tailscale0"), "ALLOW", "IN", "Anywhere", true),
        r.get(7));
  }

  @Test
  void inactiveIsOneLine() {
    UfwStatus s = UfwStatusParser.parse(fixture("status-inactive.txt"));
    assertFalse(s.active());
    assertTrue(s.rules().isEmpty());
    assertTrue(s.defaults().isEmpty());
  }

  @Test
  void numberedKeepsPrintedNumbers() {
    List<UfwRule> r = UfwStatusParser.parse(fixture("status-numbered.txt")).rules();
    assertEquals(List.of(1, 2, 3, 4, 5, 6), r.stream().map(UfwRule::number).toList());
    assertTrue(r.get(3).v6());
    assertEquals(Optional.of("tailscale0"), r.get(4).iface());
  }

  @Test
  void numberedAfterDeleteIsRenumbered() {
    List<UfwRule> r = UfwStatusParser.parse(fixture("status-numbered-after-delete.txt")).rules();
    assertEquals(5, r.size());
    assertEquals(1, r.get(0).number());
    assertEquals(Optional.of("tailscale0"), r.get(0).iface(), "rule 2 became rule 1");
  }

  @Test
  void numberedWithAGapUsesThePrintedNumberNotThePosition() {
    String text = fixture("status-numbered.txt").replace("[ 3] ", "[ 9] ");
    List<UfwRule> r = UfwStatusParser.parse(text).rules();
    assertEquals(9, r.get(2).number());
    assertEquals(4, r.get(3).number());
  }

  @Test
  void twoDigitNumbers() {
    List<UfwRule> r = UfwStatusParser.parse(fixture("status-numbered-two-digits.txt")).rules();
    assertEquals(12, r.size());
    assertEquals(11, r.get(10).number());
    assertTrue(r.get(11).v6());
  }

  @Test
  void appProfileAndLimitRows() {
    List<UfwRule> r = UfwStatusParser.parse(fixture("status-verbose-cidr-openssh.txt")).rules();
    assertTrue(r.get(1).coversTcpPort(22), "22/tcp (OpenSSH) covers 22");
    assertEquals("LIMIT", r.get(2).action());
    assertTrue(r.get(2).admitsIncoming());
    assertTrue(r.get(3).v6());
  }

  /**
   * Rows as ufw 0.36 printed them in the sandbox: a rule from an IPv6 network has no "(v6)" mark,
   * and was taken for an IPv4 rule (firewall.no-public-ssh then told the admin to reload ufw, which
   * changes nothing); a rule to one address covers every port of it.
   */
  @Test
  void aRuleNamingAnIpv6NetworkIsAnIpv6RuleAndAnAddressAloneCoversEveryPort() {
    UfwRule six =
        UfwStatusParser.parseRow("22/tcp                     ALLOW IN    2001:db8:1::/64")
            .orElseThrow();
    assertTrue(six.v6(), six.toString());
    UfwRule range =
        UfwStatusParser.parseRow("22:30/tcp                  ALLOW IN    Anywhere").orElseThrow();
    assertEquals(false, range.v6(), "22:30 is a port range");
    assertTrue(range.coversTcpPort(22));
    UfwRule to =
        UfwStatusParser.parseRow("203.0.113.10               ALLOW IN    Anywhere").orElseThrow();
    assertTrue(to.coversTcpPort(22), to.toString());
    assertEquals(false, to.v6());
    UfwRule toSix =
        UfwStatusParser.parseRow("2001:db8:1::10 22/tcp      ALLOW IN    Anywhere").orElseThrow();
    assertTrue(toSix.v6() && toSix.coversTcpPort(22), toSix.toString());
  }

  @Test
  void notStatusOutputIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> UfwStatusParser.parse("ERROR: You need to be root to run this script\n"));
  }

  @Test
  void fiveThousandRulesParseInLinearTime() {
    StringBuilder sb =
        new StringBuilder("Status: active\n\n     To                         Action      From\n");
    sb.append("     --                         ------      ----\n");
    for (int i = 1; i <= 5000; i++) {
      String to = (10000 + i) + "/tcp" + (i % 2 == 0 ? " (v6)" : "");
      sb.append(String.format(Locale.ROOT, "[%2d] %-26s %-12s%s%n", i, to, "ALLOW IN", "Anywhere"));
    }
    String text = sb.toString();
    UfwStatus s =
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> UfwStatusParser.parse(text));
    assertEquals(5000, s.rules().size());
    assertEquals(5000, s.rules().get(4999).number());
    assertTrue(s.rules().get(4999).coversTcpPort(15000));
  }
}
