package dev.hermesharden.system.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.system.compose.ComposeFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerInspectParserTest {
  @Test
  void readsBindingsPrivilegesMountsAndLabels() {
    List<ContainerState> all =
        DockerInspectParser.parseInspect(ComposeFixtures.read("docker/inspect-hermes.json"));
    assertEquals(2, all.size());
    ContainerState h = all.get(0);
    assertEquals("hermes", h.name());
    assertEquals("nousresearch/hermes-agent:latest", h.image());
    assertTrue(h.running());
    assertFalse(h.privileged());
    assertEquals("hermes_default", h.networkMode());
    assertEquals(3, h.bindings().size(), "8080/tcp: null is exposed, not published");
    assertEquals(new ContainerState.Binding("8642/tcp", "0.0.0.0", "8642"), h.bindings().get(0));
    assertTrue(h.bindings().get(1).isPublic(), ":: is every IPv6 address");
    assertEquals("[::]:8642->8642/tcp", h.bindings().get(1).label());
    assertFalse(h.bindings().get(2).isPublic());
    assertEquals(List.of("/opt/hermes/docker-compose.yml"), h.composeFiles());
    assertEquals("/opt/data", h.mounts().get(0).destination());
    ContainerState w = all.get(1);
    assertTrue(w.privileged());
    assertEquals("/var/run/docker.sock", w.mounts().get(0).source());
    assertEquals(List.of(), w.composeFiles());
  }

  @Test
  void readsPsJsonLines() {
    assertEquals(
        List.of("3f2a1b9c8d7e", "9e8d7c6b5a4f"),
        DockerInspectParser.parsePsIds(ComposeFixtures.read("docker/ps.jsonl")));
    assertEquals(List.of(), DockerInspectParser.parsePsIds(""));
  }

  @Test
  void rejectsWhatIsNotInspectOutput() {
    assertThrows(
        IllegalArgumentException.class, () -> DockerInspectParser.parseInspect("{\"a\":1}"));
    assertThrows(IllegalArgumentException.class, () -> DockerInspectParser.parseInspect("Error"));
  }
}
