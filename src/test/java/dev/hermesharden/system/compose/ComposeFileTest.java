package dev.hermesharden.system.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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

  /**
   * docker-compose 1.29.2 {@code config} on this file gave hermes {@code privileged: true}, {@code
   * /etc/cron.d:/hostcron} beside {@code ./data:/opt/data}, both ports and the base's environment
   * (LaterStepsHostileSandbox2Test); the service was read by its own lines only and passed.
   */
  @Test
  void aServiceExtendingABaseOfTheSameFileGetsItsPrivilegesMountsAndPorts() {
    String text =
        "services:\n"
            + "  base:\n"
            + "    image: tools:latest\n"
            + "    privileged: true\n"
            + "    network_mode: host\n"
            + "    ports: [\"9119:9119\"]\n"
            + "    environment: {A: \"1\"}\n"
            + "    volumes:\n"
            + "      - /etc/cron.d:/hostcron\n"
            + "  mid:\n"
            + "    extends: base\n"
            + "    image: mid\n"
            + "  hermes:\n"
            + "    extends:\n"
            + "      service: mid\n"
            + "    image: nousresearch/hermes-agent:latest\n"
            + "    network_mode: bridge\n"
            + "    ports: [\"127.0.0.1:8642:8642\"]\n"
            + "    environment: {B: \"2\"}\n"
            + "    volumes:\n"
            + "      - ./data:/opt/data\n"
            + "  loop:\n"
            + "    extends: loop\n"
            + "  elsewhere:\n"
            + "    extends: {file: base.yml, service: base}\n";
    ComposeFile f = ComposeFile.parse("/opt/hermes/c.yml", text);
    ComposeService h = f.service("hermes").orElseThrow();
    assertTrue(h.privileged(), "privileged comes from the base, two extends away");
    assertEquals("bridge", h.networkMode(), "the service's own value wins");
    assertEquals(
        List.of("/etc/cron.d", "./data"), h.volumes().stream().map(VolumeMount::source).toList());
    assertEquals(List.of(9, 21), h.volumes().stream().map(VolumeMount::line).toList());
    assertEquals(List.of("9119", "8642"), h.ports().stream().map(PortPublish::published).toList());
    assertEquals(Map.of("A", "1", "B", "2"), h.environment());
    assertEquals("", h.extendsFrom(), "merged");
    assertEquals(13, h.line(), "the line of its own name");
    assertEquals(List.of(h), f.hermesServices());
    assertEquals("loop", f.service("loop").orElseThrow().extendsFrom(), "a cycle is not merged");
    assertEquals("base.yml base", f.service("elsewhere").orElseThrow().extendsFrom());
    assertEquals(List.of("base.yml"), f.references());
  }

  /**
   * docker-compose 1.29.2 {@code config} with {@code HERMES_BIND=0.0.0.0} and {@code
   * TOOLS=/etc/cron.d} in the project's {@code .env} published {@code 0.0.0.0:8642:8642} and
   * mounted {@code /etc/cron.d} (and the workstation reached 8642); read by the defaults alone the
   * publish was loopback.
   */
  @Test
  void valuesOfTheProjectsDotEnvAreWhatComposeUses() {
    String text =
        "services:\n"
            + "  hermes:\n"
            + "    image: ${IMAGE}\n"
            + "    privileged: ${PRIV:-false}\n"
            + "    ports:\n"
            + "      - \"${HERMES_BIND:-127.0.0.1}:8642:8642\"\n"
            + "      - \"${UNSET:-127.0.0.1}:${PORT}:9119\"\n"
            + "      - target: 1\n"
            + "        host_ip: $HERMES_BIND\n"
            + "    volumes:\n"
            + "      - ${TOOLS:-./tools}:/tools\n"
            + "      - ${EMPTY:-./data}:/opt/data\n"
            + "    environment:\n"
            + "      - API_SERVER_HOST=${HOST-127.0.0.1}\n"
            + "    env_file: ${ENVS:+./alt.env}\n";
    Map<String, String> env =
        Map.of(
            "HERMES_BIND", "0.0.0.0",
            "TOOLS", "/etc/cron.d",
            "EMPTY", "",
            "PORT", "8$",
            "PRIV", "true",
            "IMAGE", "nousresearch/hermes-agent",
            "HOST", "",
            "ENVS", "x");
    ComposeService s = ComposeFile.parse("/opt/hermes/c.yml", text, env).services().get(0);
    assertEquals("0.0.0.0", s.ports().get(0).hostIp());
    assertTrue(s.ports().get(0).isPublic());
    assertEquals("${UNSET:-127.0.0.1}", s.ports().get(1).hostIp(), "an unset one stays written");
    assertFalse(s.ports().get(1).isPublic());
    assertEquals("8$", s.ports().get(1).publishedResolved(), "a $ in a value stays a $");
    assertEquals("0.0.0.0", s.ports().get(2).hostIp());
    assertEquals("/etc/cron.d", s.volumes().get(0).source());
    assertEquals("./data", s.volumes().get(1).source(), ":- takes the default for an empty value");
    assertEquals("", s.environment().get("API_SERVER_HOST"), "- keeps an empty value");
    assertEquals(List.of("./alt.env"), s.envFiles());
    assertTrue(s.privileged());
    assertTrue(s.looksLikeHermes());
    ComposeService plain = ComposeFile.parse("/opt/hermes/c.yml", text).services().get(0);
    assertFalse(plain.ports().get(0).isPublic(), "without the .env: the default");
  }

  /** A chain of services each extending the next ends, unmerged beyond {@code MAX_DEPTH}. */
  @Test
  void aLongChainOfExtendsNeitherOverflowsNorTakesForever() {
    StringBuilder text = new StringBuilder("services:\n  s0:\n    privileged: true\n");
    for (int i = 1; i < 20_000; i++) {
      text.append("  s").append(i).append(": {extends: s").append(i - 1).append("}\n");
    }
    ComposeFile f = ComposeFile.parse("/c.yml", text.toString());
    assertTrue(f.service("s64").orElseThrow().privileged());
    assertEquals(20_000, f.services().size());
  }

  /** A named volume the file binds to {@code /etc/cron.d} is {@code /etc/cron.d}. */
  @Test
  void aNamedVolumeTheFileBindsToAHostDirectoryIsThatDirectory() {
    String text =
        "services:\n  hermes:\n    image: nousresearch/hermes-agent\n    volumes:\n"
            + "      - tools:/tools\n      - data:/opt/data\n"
            + "volumes:\n  tools:\n    driver_opts: {type: none, o: bind, device: \"${DIR:-/x}\"}\n"
            + "  data: {}\n";
    List<VolumeMount> v =
        ComposeFile.parse("/c.yml", text, Map.of("DIR", "/etc/cron.d")).services().get(0).volumes();
    assertEquals("/etc/cron.d", v.get(0).source());
    assertTrue(v.get(0).isBind());
    assertEquals("data", v.get(1).source());
    assertFalse(v.get(1).isBind());
  }
}
