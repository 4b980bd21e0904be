package dev.hermesharden.system.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void tailscaleRangeHoldsCgnatAddressesOnly() {
    Cidr ts = Cidr.parse("100.64.0.0/10");
    assertTrue(ts.contains("100.64.0.10"));
    assertTrue(ts.contains("100.127.255.255"));
    assertFalse(ts.contains("100.128.0.1"), "just above the /10");
    assertFalse(ts.contains("100.63.255.255"), "just below the /10");
    assertFalse(ts.contains("203.0.113.10"));
  }

  @Test
  void prefixBoundariesAndHostRoutes() {
    assertTrue(Cidr.parse("0.0.0.0/0").contains("8.8.8.8"));
    assertTrue(Cidr.parse("10.8.0.2").contains("10.8.0.2"));
    assertFalse(Cidr.parse("10.8.0.2/32").contains("10.8.0.3"));
    assertTrue(Cidr.parse("10.8.0.0/24").contains("10.8.0.255/24"), "an address with its prefix");
  }

  @Test
  void ipv6IncludingCompressionAndEmbeddedIpv4() {
    Cidr ts6 = Cidr.parse("fd7a:115c:a1e0::/48");
    assertTrue(ts6.contains("fd7a:115c:a1e0::a"));
    assertTrue(ts6.contains("FD7A:115C:A1E0:AB12:4843:CD96:6258:B240"));
    assertFalse(ts6.contains("fd7a:115c:a1e1::a"));
    assertTrue(Cidr.parse("::ffff:0:0/96").contains("::ffff:192.0.2.1"));
    assertTrue(Cidr.parse("fe80::/10").contains("fe80::5054:ff:fe4a:2b1c%eth0"));
    assertTrue(Cidr.parse("::1/128").contains("::1"));
  }

  @Test
  void familiesNeverMix() {
    assertFalse(Cidr.parse("::/0").contains("10.0.0.1"));
    assertFalse(Cidr.parse("0.0.0.0/0").contains("::1"));
  }

  @Test
  void junkIsRejectedWithoutDnsLookups() {
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/24"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.256/8"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("1::2::3/64"));
    assertTrue(Cidr.tryParse("10.0.0/8").isEmpty());
    assertFalse(Cidr.parse("10.0.0.0/8").contains("localhost"));
  }

  @Test
  void printsNetwork() {
    assertEquals("100.64.0.0/10", Cidr.parse("100.64.0.0/10").toString());
    assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse(" 10.0.0.0/8 "));
  }

  @Test
  void matchAddressNetworksAndNamesAsSshdUsesThem() {
    assertTrue(Cidr.parse("fd7a:115c:a1e0::/48").contains("fd7a:115c:a1e0::1"));
    assertFalse(Cidr.parse("10.0.0.0/8").contains("fd7a:115c:a1e0::1"));
    assertTrue(Cidr.tryParse("example.com").isEmpty(), "names are never resolved");
    assertTrue(Cidr.parse("0.0.0.0/0").contains("198.51.100.1"));
  }

  @Test
  void aNetworkContainsOnlyNarrowerNetworksInsideIt() {
    Cidr tailnet = Cidr.parse("100.64.0.0/10");
    assertTrue(tailnet.containsNetwork(Cidr.parse("100.64.0.0/24")));
    assertTrue(tailnet.containsNetwork(Cidr.parse("100.64.0.10")));
    assertFalse(tailnet.containsNetwork(Cidr.parse("100.0.0.0/8")), "wider is not inside");
    assertFalse(tailnet.containsNetwork(Cidr.parse("10.0.0.0/24")));
    assertFalse(tailnet.containsNetwork(Cidr.parse("fd7a:115c:a1e0::/48")));
  }
}
