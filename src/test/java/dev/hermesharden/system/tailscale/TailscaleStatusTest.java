package dev.hermesharden.system.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.testing.KeysFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailscaleStatusTest {
  @Test
  void runningNode() {
    TailscaleStatus s =
        TailscaleStatus.parse(KeysFixtures.read("tailscale/status-running.json")).orElseThrow();
    assertTrue(s.running());
    assertEquals("vps1", s.hostName());
    assertEquals(
        List.of("100.64.0.10", "fd7a:115c:a1e0::a"), s.ips(), "Self's IPs, not the peer's");
  }

  @Test
  void loggedOutNodeHasNullIps() {
    TailscaleStatus s =
        TailscaleStatus.parse(KeysFixtures.read("tailscale/status-needslogin.json")).orElseThrow();
    assertFalse(s.running());
    assertEquals("NeedsLogin", s.backendState());
    assertEquals(List.of(), s.ips());
  }

  @Test
  void notJson() {
    assertTrue(TailscaleStatus.parse("Tailscale is stopped.\n").isEmpty());
    assertTrue(TailscaleStatus.parse("").isEmpty());
  }

  @Test
  void ipLines() {
    assertEquals(
        List.of("100.64.0.10"),
        TailscaleStatus.parseIpLines(KeysFixtures.read("tailscale/ip-4.txt")));
  }
}
