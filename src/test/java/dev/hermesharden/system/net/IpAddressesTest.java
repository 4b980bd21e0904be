package dev.hermesharden.system.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What is an address and what is not: the syntax every ruleset source and listener passes. */
class IpAddressesTest {
  @Test
  void dottedQuadsOfOneToThreeAsciiDigitsUpTo255() {
    assertArrayEquals(
        new byte[] {(byte) 203, 0, 113, 10}, IpAddresses.parse("203.0.113.10").orElseThrow());
    assertTrue(IpAddresses.parse("0.0.0.0").isPresent());
    for (String bad :
        new String[] {
          "256.1.1.1",
          "1.2.3",
          "1.2.3.4.5",
          "1..3.4",
          "1.2.3.",
          "1.2.3.4a",
          "1.2.3.+4",
          "1.2.3.1000",
          "１.2.3.4",
          "-1.2.3.4",
          ""
        }) {
      assertFalse(IpAddresses.parse(bad).isPresent(), bad);
    }
  }

  @Test
  void ipv6GroupsOfOneToFourAsciiHexDigits() {
    assertTrue(IpAddresses.parse("2001:db8::1").isPresent());
    assertTrue(IpAddresses.parse("fd7a:115c:a1e0:ab12:4843:cd96:626b:430b").isPresent());
    assertTrue(IpAddresses.parse("::ffff:192.0.2.1").isPresent());
    for (String bad :
        new String[] {"2001:db8::g", "2001:db8::12345", "1::2::3", "2001:ｄb8::1", ":::1"}) {
      assertFalse(IpAddresses.parse(bad).isPresent(), bad);
    }
  }
}
