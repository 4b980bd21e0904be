package dev.hermesharden.system.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.system.net.IpAddrShowParser.InterfaceAddress;
import dev.hermesharden.testing.KeysFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAddrShowParserTest {
  @Test
  void readsIpv4OneLineRecords() {
    List<InterfaceAddress> a =
        IpAddrShowParser.parse(KeysFixtures.read("net/ip-o-4-addr-show.txt"));
    assertEquals(4, a.size());
    assertEquals(new InterfaceAddress("lo", "inet", "127.0.0.1", 8), a.get(0));
    assertEquals(new InterfaceAddress("eth0", "inet", "203.0.113.10", 24), a.get(1));
    assertEquals(new InterfaceAddress("tailscale0", "inet", "100.64.0.10", 32), a.get(3));
  }

  @Test
  void readsIpv6AndSkipsNoise() {
    String out = KeysFixtures.read("net/ip-o-6-addr-show.txt") + "garbage line\n\n";
    List<InterfaceAddress> a = IpAddrShowParser.parse(out);
    assertEquals(4, a.size());
    assertEquals(new InterfaceAddress("tailscale0", "inet6", "fd7a:115c:a1e0::a", 128), a.get(3));
  }

  @Test
  void vlanStyleDeviceNamesLoseTheirParent() {
    List<InterfaceAddress> a =
        IpAddrShowParser.parse(
            "5: eth0.10@eth0    inet 10.0.10.5/24 brd 10.0.10.255 scope global eth0.10\\ valid_lft forever\n");
    assertEquals("eth0.10", a.get(0).device());
  }
}
