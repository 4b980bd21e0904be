package dev.hermesharden.system.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.system.compose.ComposeFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsListenersTest {
  @Test
  void readsAddressesPortsAndProcesses() {
    List<SsListeners.Listener> l = SsListeners.parse(ComposeFixtures.read("docker/ss-public.txt"));
    assertEquals(8, l.size());
    assertEquals(new SsListeners.Listener("127.0.0.53", "53", "systemd-resolve", 0, 512), l.get(0));
    assertFalse(l.get(0).isPublic(), "%lo suffix stripped, loopback");
    assertEquals(new SsListeners.Listener("0.0.0.0", "8642", "docker-proxy", 0, 1234), l.get(1));
    assertTrue(l.get(1).isPublic());
    assertFalse(l.get(2).isPublic());
    assertEquals(new SsListeners.Listener("::", "8642", "docker-proxy", 0, 1241), l.get(5));
    assertTrue(l.get(5).isPublic());
    assertEquals("[::]:8642", l.get(5).label());
    assertEquals(new SsListeners.Listener("*", "9100", "node_exporter", 0, 900), l.get(7));
    assertTrue(l.get(7).isPublic());
  }

  @Test
  void withoutRootTheProcessIsUnknown() {
    List<SsListeners.Listener> l =
        SsListeners.parse("LISTEN 0      4096         0.0.0.0:8642      0.0.0.0:*\n\n");
    assertEquals(List.of(new SsListeners.Listener("0.0.0.0", "8642", "")), l);
  }
}
