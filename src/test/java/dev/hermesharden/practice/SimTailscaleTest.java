package dev.hermesharden.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.system.net.IpAddrShowParser;
import dev.hermesharden.system.tailscale.TailscaleStatus;
import org.junit.jupiter.api.Test;

class SimTailscaleTest {
  @Test
  void runningTailnet() throws Exception {
    SimulatedHost h = SimulatedHost.fresh();
    TailscaleStatus s =
        TailscaleStatus.parse(h.exec("tailscale", "status", "--json").stdout()).orElseThrow();
    assertTrue(s.running());
    assertEquals("vps1", s.hostName());
    assertEquals("100.64.0.10", s.ips().get(0));
    assertEquals("100.64.0.10\n", h.exec("tailscale", "ip", "-4").stdout());
    String dev = h.exec("ip", "-o", "-4", "addr", "show", "dev", "tailscale0").stdout();
    assertEquals(
        "4: tailscale0    inet 100.64.0.10/32 scope global tailscale0\\       valid_lft forever preferred_lft forever\n",
        dev);
    assertEquals(
        3, IpAddrShowParser.parse(h.exec("ip", "-o", "-4", "addr", "show").stdout()).size());
    assertEquals(
        "eth0",
        IpAddrShowParser.parse(h.exec("ip", "-o", "-6", "addr", "show").stdout()).get(1).device());
  }

  @Test
  void downRemovesTheInterface() throws Exception {
    SimulatedHost h = SimulatedHost.fresh();
    h.exec("tailscale", "down");
    assertFalse(
        TailscaleStatus.parse(h.exec("tailscale", "status", "--json").stdout())
            .orElseThrow()
            .running());
    assertEquals(1, h.exec("tailscale", "ip", "-4").exitCode());
    assertEquals(
        "Device \"tailscale0\" does not exist.\n",
        h.exec("ip", "-o", "-4", "addr", "show", "dev", "tailscale0").stderr());
  }
}
