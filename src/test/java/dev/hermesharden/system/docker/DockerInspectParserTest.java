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
  void readsTheConfinementDockerPutInForce() {
    String hardened =
        """
        [{"Id": "a1", "Name": "/hermes", "State": {"Running": true},
          "HostConfig": {"NetworkMode": "hermes_default", "Privileged": false,
            "SecurityOpt": ["no-new-privileges:true"], "CapDrop": ["ALL"],
            "CapAdd": ["CHOWN", "SETUID", "SETGID"], "NanoCpus": 1500000000,
            "CpuQuota": 0, "CpuPeriod": 0, "Memory": 2147483648,
            "LogConfig": {"Type": "json-file", "Config": {"max-file": "3", "max-size": "10m"}}},
          "Config": {"Image": "nousresearch/hermes-agent:latest", "Labels": {}}},
         {"Id": "b2", "Name": "/quota", "State": {"Running": true},
          "HostConfig": {"SecurityOpt": null, "CapDrop": null, "NanoCpus": 0,
            "CpuQuota": 50000, "CpuPeriod": 100000, "Memory": 0,
            "LogConfig": {"Type": "json-file", "Config": {}}},
          "Config": {"Labels": {}}}]
        """;
    List<ContainerState> all = DockerInspectParser.parseInspect(hardened);
    var h = all.get(0).confinement();
    assertEquals(List.of("no-new-privileges:true"), h.securityOpt());
    assertEquals(List.of("ALL"), h.capDrop());
    assertEquals("1.5", h.cpus());
    assertEquals("2147483648", h.memory());
    assertEquals("json-file", h.logDriver());
    assertEquals("10m", h.logOptions().get("max-size"));
    var q = all.get(1).confinement();
    assertEquals("0.5", q.cpus(), "CpuQuota over CpuPeriod");
    assertEquals("", q.memory(), "0 is no limit");
    assertEquals(List.of(), q.securityOpt(), "null is none");
    assertEquals(List.of(), q.capDrop());
    assertTrue(q.logOptions().isEmpty());
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
