package dev.hermesharden.system.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeFileTest {
  private static ComposeFile parse(String name) {
    return ComposeFile.parse("/opt/hermes/" + name, ComposeFixtures.read("compose/" + name));
  }

  @Test
  void quickstartPublishesBothPortsOnEveryAddress() {
    ComposeService s = parse("quickstart.yml").service("hermes").orElseThrow();
    assertEquals(2, s.ports().size());
    PortPublish api = s.ports().get(0);
    assertEquals("", api.hostIp());
    assertEquals("8642", api.published());
    assertEquals("8642", api.target());
    assertEquals("tcp", api.protocol());
    assertEquals(9, api.line(), "line of the port entry");
    assertTrue(api.isPublic());
    assertTrue(s.ports().get(1).isPublic(), "single-quoted entry parses too");
    assertEquals("hermes", s.containerName());
    assertEquals("1", s.environment().get("HERMES_DASHBOARD"));
    assertEquals(1, s.environment().size(), "commented env entries are not read");
    VolumeMount v = s.volumes().get(0);
    assertEquals("~/.hermes", v.source());
    assertEquals("/opt/data", v.target());
    assertTrue(v.isBind());
    assertEquals(List.of("gateway", "run"), s.command());
  }

  @Test
  void shortSyntaxVariants() {
    List<PortPublish> p = parse("short-syntax.yml").service("web").orElseThrow().ports();
    assertEquals(11, p.size());
    assertPort(p.get(0), "127.0.0.1", "9119", "9119", "tcp", false);
    assertPort(p.get(1), "", "", "8642", "tcp", true);
    assertPort(p.get(2), "", "8000-8010", "8000-8010", "tcp", true);
    assertPort(p.get(3), "", "5353", "5353", "udp", true);
    assertPort(p.get(4), "::1", "8643", "8642", "tcp", false);
    assertPort(p.get(5), "::", "8644", "8642", "tcp", true);
    assertPort(p.get(6), "0.0.0.0", "8645", "8642", "tcp", true);
    assertPort(p.get(7), "", "${PORT:-8642}", "8642", "tcp", true);
    assertEquals("8642", p.get(7).publishedResolved());
    assertPort(p.get(8), "${BIND:-127.0.0.1}", "8646", "8642", "tcp", false);
    assertPort(p.get(9), "", "8647", "8642", "tcp", true);
    assertPort(p.get(10), "::1", "8648", "8642", "tcp", false);
  }

  @Test
  void shortVolumes() {
    List<VolumeMount> v = parse("short-syntax.yml").service("web").orElseThrow().volumes();
    assertTrue(v.get(0).isBind());
    assertFalse(v.get(1).isBind(), "a named volume is not a host path");
    assertTrue(v.get(1).readOnly());
    assertEquals("/var/run/docker.sock", v.get(2).source());
  }

  @Test
  void longSyntaxPortsVolumesAndMapEnvironment() {
    ComposeService s = parse("long-syntax.yml").service("hermes").orElseThrow();
    List<PortPublish> p = s.ports();
    assertEquals(4, p.size());
    assertPort(p.get(0), "", "8642", "8642", "tcp", true);
    assertTrue(p.get(0).longSyntax());
    assertEquals(6, p.get(0).line());
    assertPort(p.get(1), "127.0.0.1", "9119", "9119", "tcp", false);
    assertPort(p.get(2), "0.0.0.0", "7000", "7000", "tcp", true);
    assertPort(p.get(3), "", "7001", "7001", "tcp", true);
    assertTrue(s.privileged());
    assertEquals("bind", s.volumes().get(0).type());
    assertEquals("./data", s.volumes().get(0).source());
    assertFalse(s.volumes().get(1).isBind());
    assertEquals("0.0.0.0", s.environment().get("API_SERVER_HOST"));
    assertEquals("8642", s.environment().get("API_SERVER_PORT"));
    assertEquals("", s.environment().get("EMPTY"));
  }

  @Test
  void hostNetworkListEnvAndEnvFiles() {
    ComposeFile f = parse("host-network.yml");
    ComposeService gw = f.service("gateway").orElseThrow();
    assertTrue(gw.hostNetwork());
    assertTrue(gw.ports().isEmpty());
    assertEquals("${API_SERVER_HOST:-127.0.0.1}", gw.environment().get("API_SERVER_HOST"));
    assertEquals(List.of("./gateway.env"), gw.envFiles());
    assertEquals("/srv/hermes-data", Interpolation.resolveDefaults(gw.volumes().get(0).source()));
    ComposeService dash = f.service("dashboard").orElseThrow();
    assertEquals(List.of("dashboard.env"), dash.envFiles(), "a single env_file string");
    assertEquals(List.of("dashboard", "--host", "0.0.0.0", "--no-open"), dash.command());
  }

  @Test
  void upstreamTwoServiceLayoutParses() {
    String text =
        """
        services:
          gateway: &gw
            image: hermes-agent
            network_mode: host
            ports: ["8642:8642"]
          copy:
            <<: *gw
            image: other
        """;
    ComposeFile f = ComposeFile.parse("/x/compose.yaml", text);
    assertEquals("other", f.service("copy").orElseThrow().image());
    assertEquals(1, f.service("copy").orElseThrow().ports().size(), "merge keys are folded in");
    assertEquals("x", f.projectName());
  }

  @Test
  void notComposeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ComposeFile.parse("/a.yml", "just: text\n"));
    assertThrows(
        IllegalArgumentException.class, () -> ComposeFile.parse("/a.yml", "services: [\n"));
  }

  private static void assertPort(
      PortPublish p, String ip, String published, String target, String proto, boolean isPublic) {
    assertEquals(ip, p.hostIp(), "host ip of " + p);
    assertEquals(published, p.published(), "published of " + p);
    assertEquals(target, p.target(), "target of " + p);
    assertEquals(proto, p.protocol(), "protocol of " + p);
    assertEquals(isPublic, p.isPublic(), "public? " + p);
  }
}
