package dev.hermesharden.checks.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeFiles;
import dev.hermesharden.system.compose.ComposeFixtures;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.docker.DockerInspectParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerChecksTest {
  static final StepContext CTX = StepContext.of(Answers.EMPTY);
  static final String PATH = "/opt/hermes/docker-compose.yml";

  static ComposeFiles compose(String fixture) {
    String text = ComposeFixtures.read("compose/" + fixture);
    return new ComposeFiles(List.of(ComposeFile.parse(PATH, text)), Map.of(PATH, text), Map.of());
  }

  static final ComposeFiles NONE = new ComposeFiles(List.of(), Map.of(), Map.of());
  static final Optional<List<ContainerState>> INSPECTED =
      Optional.of(
          DockerInspectParser.parseInspect(ComposeFixtures.read("docker/inspect-hermes.json")));
  static final String LOOPBACK =
      "services:\n  hermes:\n    image: nousresearch/hermes-agent\n    ports: [\"127.0.0.1:8642:8642\"]\n";

  static ComposeFiles loopback() {
    return new ComposeFiles(
        List.of(ComposeFile.parse(PATH, LOOPBACK)), Map.of(PATH, LOOPBACK), Map.of());
  }

  @Test
  void composeFound() {
    ComposeFoundCheck c = new ComposeFoundCheck();
    // not in Docker at all: the step file's applies_when (hermes-in-docker) answers before the
    // check
    assertTrue(new DockerFacts(NONE, Optional.empty()).notInDocker());
    assertFalse(new DockerFacts(NONE, INSPECTED).notInDocker());
    Verdict found =
        c.evaluate(new DockerFacts(compose("quickstart.yml"), Optional.empty()), Params.NONE, CTX);
    assertEquals(Status.PASS, found.status());
    assertEquals(PATH, found.details().get("file.1"));
    Verdict orphan = c.evaluate(new DockerFacts(NONE, INSPECTED), Params.NONE, CTX);
    assertEquals(
        Status.FAIL, orphan.status(), "Hermes runs in Docker but no compose file was found");
    assertEquals(List.of("hermes"), orphan.reason().args());
    Verdict broken =
        c.evaluate(
            new DockerFacts(
                new ComposeFiles(
                    List.of(),
                    Map.of(PATH, "x"),
                    Map.of(
                        PATH,
                        new BadInputException(
                            PATH, 1, "services", "reason.input.compose-no-services"))),
                Optional.empty()),
            Params.NONE,
            CTX);
    assertEquals(Status.FAIL, broken.status());
    assertEquals("reason.docker.compose-unreadable", broken.reason().key());
    assertEquals(List.of(PATH + ":1: services"), broken.reason().args(), "names file and line");
  }

  @Test
  void aHermesServiceThatExtendsAnotherIsNoPass() {
    // docker-compose 1.29.2 config on this file and base.yml (network_mode: host, "8642:8642")
    // printed hermes with network_mode: host and port 8642 published on every address; the check
    // read only the service's own lines and passed
    String text =
        "services:\n  hermes:\n    image: nousresearch/hermes-agent:latest\n    extends:\n"
            + "      file: base.yml\n      service: base\n";
    ComposeFiles files =
        new ComposeFiles(List.of(ComposeFile.parse(PATH, text)), Map.of(PATH, text), Map.of());
    Verdict v =
        new ComposePublishesCheck()
            .evaluate(new DockerFacts(files, Optional.empty()), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.docker.compose-extends", v.reason().key());
    assertEquals("hermes extends base.yml base", v.details().get(PATH + ":2"));
    // privileges come from there too: not followed, so no pass
    Verdict priv =
        new PrivilegedCheck().evaluate(new DockerFacts(files, Optional.empty()), Params.NONE, CTX);
    assertEquals("reason.docker.extends-unfollowed", priv.reason().key(), priv.toString());
    assertEquals("hermes extends base.yml base", priv.details().get(PATH + ":2"));
    String shortForm =
        "services:\n  base:\n    image: x\n    ports: [\"8642:8642\"]\n"
            + "  hermes:\n    image: nousresearch/hermes-agent\n    extends: base\n";
    // a base in the same file is merged in (ComposeExtends): its publish is the service's own
    ComposeFile f = ComposeFile.parse(PATH, shortForm);
    assertEquals("", f.services().get(1).extendsFrom());
    Verdict merged =
        new ComposePublishesCheck()
            .evaluate(
                new DockerFacts(
                    new ComposeFiles(List.of(f), Map.of(PATH, shortForm), Map.of()),
                    Optional.empty()),
                Params.NONE,
                CTX);
    assertEquals("reason.docker.compose-public", merged.reason().key(), merged.toString());
    assertEquals("hermes 8642->8642/tcp", merged.details().get(PATH + ":4"));
    assertEquals(
        Status.PASS,
        new ComposePublishesCheck()
            .evaluate(new DockerFacts(loopback(), Optional.empty()), Params.NONE, CTX)
            .status(),
        "a service without extends is judged by its own ports");
  }

  @Test
  void composePublishesNameFileAndLine() {
    ComposePublishesCheck c = new ComposePublishesCheck();
    Verdict v =
        c.evaluate(new DockerFacts(compose("quickstart.yml"), Optional.empty()), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of(PATH + ":9", PATH + ":10"), List.copyOf(v.details().keySet()));
    assertEquals("hermes 8642->8642/tcp", v.details().get(PATH + ":9"));
    assertEquals(
        Status.PASS,
        c.evaluate(new DockerFacts(loopback(), Optional.empty()), Params.NONE, CTX).status());
    assertEquals(
        Status.NOT_APPLICABLE,
        c.evaluate(new DockerFacts(NONE, Optional.empty()), Params.NONE, CTX).status());
  }

  @Test
  void composePublishTrapsIpv6WildcardAndInterpolatedLoopback() {
    Verdict v =
        new ComposePublishesCheck()
            .evaluate(
                new DockerFacts(compose("short-syntax.yml"), Optional.empty()), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.details().containsKey(PATH + ":10"), "[::]:8644:8642 is every IPv6 address");
    assertFalse(v.details().containsKey(PATH + ":13"), "${BIND:-127.0.0.1} defaults to loopback");
    assertFalse(v.details().containsKey(PATH + ":9"), "[::1] is loopback");
    assertEquals(7, v.details().size());
  }

  @Test
  void aProxyBesideHermesIsNotAFinding() {
    String text =
        "services:\n  caddy:\n    image: caddy:2\n    privileged: true\n    ports: [\"443:443\"]\n"
            + "  hermes:\n    image: nousresearch/hermes-agent\n    ports: [\"127.0.0.1:8642:8642\"]\n";
    ComposeFiles f =
        new ComposeFiles(List.of(ComposeFile.parse(PATH, text)), Map.of(PATH, text), Map.of());
    DockerFacts facts = new DockerFacts(f, Optional.empty());
    assertEquals(
        Status.PASS, new ComposePublishesCheck().evaluate(facts, Params.NONE, CTX).status());
    assertEquals(Status.PASS, new PrivilegedCheck().evaluate(facts, Params.NONE, CTX).status());
  }

  @Test
  void runningContainersOnlyHermesCounts() {
    ContainerBindingsCheck c = new ContainerBindingsCheck();
    Verdict v = c.evaluate(new DockerFacts(compose("quickstart.yml"), INSPECTED), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals(
        2, v.details().size(), "0.0.0.0 and :: bindings of hermes; watchtower is not Hermes");
    assertTrue(v.details().values().contains("[::]:8642->8642/tcp"));
    assertFalse(v.reason().args().get(0).contains("watchtower"));
    Verdict down =
        c.evaluate(new DockerFacts(compose("quickstart.yml"), Optional.empty()), Params.NONE, CTX);
    assertEquals(Status.NOT_APPLICABLE, down.status());
    assertEquals("reason.docker.daemon-down", down.reason().key());
    Verdict idle =
        c.evaluate(
            new DockerFacts(compose("quickstart.yml"), Optional.of(List.of())), Params.NONE, CTX);
    assertEquals("reason.docker.none-running", idle.reason().key());
  }

  @Test
  void dockerProxyListenersOnHermesPortsOnly() {
    DockerProxyListenersCheck c = new DockerProxyListenersCheck();
    DockerFacts docker = new DockerFacts(compose("quickstart.yml"), INSPECTED);
    Params ports = new Params(Map.of("ports", List.of("8642", "9119")));
    Verdict v =
        c.evaluate(
            new DockerProxyListenersCheck.Facts(
                docker, Optional.of(ComposeFixtures.read("docker/ss-public.txt"))),
            ports,
            CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("0.0.0.0:8642", "[::]:8642"), List.copyOf(v.details().keySet()));
    Verdict ok =
        c.evaluate(
            new DockerProxyListenersCheck.Facts(
                docker, Optional.of(ComposeFixtures.read("docker/ss-loopback.txt"))),
            ports,
            CTX);
    assertEquals(Status.PASS, ok.status(), "a non-docker process on *:8642 is not docker-proxy");
    Verdict noSs =
        c.evaluate(new DockerProxyListenersCheck.Facts(docker, Optional.empty()), ports, CTX);
    assertEquals(Status.ERROR, noSs.status());
  }

  @Test
  void socketMountInComposeOrContainer() {
    DockerSocketCheck c = new DockerSocketCheck();
    Verdict v =
        c.evaluate(
            new DockerFacts(compose("short-syntax.yml"), Optional.empty()), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.details().containsKey(PATH + ":19"));
    Verdict onlyWatchtower =
        c.evaluate(new DockerFacts(compose("quickstart.yml"), INSPECTED), Params.NONE, CTX);
    assertEquals(Status.PASS, onlyWatchtower.status(), "watchtower's socket is not Hermes'");
  }

  @Test
  void privilegedInComposeOrContainer() {
    PrivilegedCheck c = new PrivilegedCheck();
    Verdict v =
        c.evaluate(new DockerFacts(compose("long-syntax.yml"), Optional.empty()), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals("hermes", v.details().get(PATH + ":2"));
    assertEquals(
        Status.PASS,
        c.evaluate(new DockerFacts(compose("quickstart.yml"), INSPECTED), Params.NONE, CTX)
            .status());
    ContainerState priv =
        new ContainerState(
            "id",
            "hermes",
            "nousresearch/hermes-agent",
            true,
            true,
            "bridge",
            List.of(),
            List.of(),
            Map.of());
    Verdict live = c.evaluate(new DockerFacts(NONE, Optional.of(List.of(priv))), Params.NONE, CTX);
    assertEquals(Status.FAIL, live.status());
  }

  /**
   * Hermes joins a sidecar's network ({@code network_mode: service:gate}; Docker: {@code
   * container:ID}); the sidecar's {@code 8080:8642} answered the workstation with Hermes' API
   * (LaterStepsHostileSandbox2Test) while both checks passed.
   */
  @Test
  void aSidecarWhoseNetworkHermesJoinsPublishesForHermes() {
    String text =
        "services:\n  gate:\n    image: vpn\n    container_name: gate\n"
            + "    ports: [\"8080:8642\"]\n"
            + "  hermes:\n    image: nousresearch/hermes-agent\n    network_mode: service:gate\n"
            + "  proxy:\n    image: caddy\n    ports: [\"443:443\"]\n";
    ComposeFile f = ComposeFile.parse(PATH, text);
    assertEquals(
        List.of("hermes", "gate"), f.publishingServices().stream().map(s -> s.name()).toList());
    ComposeFiles files = new ComposeFiles(List.of(f), Map.of(PATH, text), Map.of());
    Verdict v =
        new ComposePublishesCheck()
            .evaluate(new DockerFacts(files, Optional.empty()), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals(Map.of(PATH + ":5", "gate 8080->8642/tcp"), v.details(), "not the proxy's 443");
    // the socket table: docker-proxy on the sidecar's 8080 is a Hermes port too
    Verdict listening =
        new DockerProxyListenersCheck()
            .evaluate(
                new DockerProxyListenersCheck.Facts(
                    new DockerFacts(files, Optional.empty()),
                    Optional.of(
                        "LISTEN 0 4096 0.0.0.0:8080 0.0.0.0:* users:((\"docker-proxy\",pid=9,fd=4))\n")),
                Params.NONE,
                CTX);
    assertEquals("reason.docker.listeners-public", listening.reason().key(), listening.toString());
    String byName = text.replace("service:gate", "container:gate");
    assertEquals(2, ComposeFile.parse(PATH, byName).publishingServices().size());

    ContainerState gate =
        new ContainerState(
            "0123abcd",
            "gate",
            "vpn",
            true,
            false,
            "bridge",
            List.of(new ContainerState.Binding("8642/tcp", "0.0.0.0", "8080")),
            List.of(),
            Map.of());
    ContainerState hermes =
        new ContainerState(
            "4567",
            "hermes",
            "nousresearch/hermes-agent",
            true,
            false,
            "container:0123abcd",
            List.of(),
            List.of(),
            Map.of());
    Verdict live =
        new ContainerBindingsCheck()
            .evaluate(new DockerFacts(NONE, Optional.of(List.of(gate, hermes))), Params.NONE, CTX);
    assertEquals(Status.FAIL, live.status(), live.toString());
    assertTrue(
        live.reason().args().get(0).toString().contains("hermes 0.0.0.0:8080->8642/tcp"),
        live.toString());
  }

  @Test
  void dockerGroupMembership() {
    DockerGroupCheck c = new DockerGroupCheck();
    assertEquals(
        Status.FAIL,
        c.evaluate(
                new DockerGroupCheck.Facts(Optional.of(List.of("hermes", "docker"))),
                Params.NONE,
                CTX)
            .status());
    assertEquals(
        Status.PASS,
        c.evaluate(new DockerGroupCheck.Facts(Optional.of(List.of("hermes"))), Params.NONE, CTX)
            .status());
    assertEquals(
        Status.NOT_APPLICABLE,
        c.evaluate(new DockerGroupCheck.Facts(Optional.empty()), Params.NONE, CTX).status());
  }

  @Test
  void hostNetworkListenAddresses() {
    HostNetworkCheck c = new HostNetworkCheck();
    ComposeFiles f = compose("host-network.yml");
    Map<String, Optional<String>> env =
        Map.of(
            "/opt/hermes/gateway.env",
                Optional.of("# gateway\nexport API_SERVER_KEY=abc\nAPI_SERVER_HOST=\"0.0.0.0\"\n"),
            "/opt/hermes/dashboard.env", Optional.empty());
    Verdict v = c.evaluate(new HostNetworkCheck.Facts(f, env), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertFalse(
        v.details().keySet().stream()
            .anyMatch(k -> k.contains("gateway") && k.endsWith("API_SERVER_HOST")),
        "compose environment wins over env_file, and its default is loopback");
    assertTrue(
        v.details().keySet().stream().anyMatch(k -> k.endsWith("dashboard HERMES_DASHBOARD_HOST")));
    assertTrue(v.details().keySet().stream().anyMatch(k -> k.endsWith("dashboard --host")));
    String safe =
        "services:\n  gw:\n    network_mode: host\n    environment:\n      HERMES_DASHBOARD: \"1\"\n      HERMES_DASHBOARD_HOST: 127.0.0.1\n";
    ComposeFiles ok =
        new ComposeFiles(List.of(ComposeFile.parse(PATH, safe)), Map.of(PATH, safe), Map.of());
    assertEquals(
        Status.PASS,
        c.evaluate(new HostNetworkCheck.Facts(ok, Map.of()), Params.NONE, CTX).status());
    assertEquals(
        Status.NOT_APPLICABLE,
        c.evaluate(
                new HostNetworkCheck.Facts(compose("quickstart.yml"), Map.of()), Params.NONE, CTX)
            .status());
  }

  @Test
  void hostNetworkEnvFileOnly() {
    String text = "services:\n  gw:\n    network_mode: host\n    env_file: [.env]\n";
    ComposeFiles f =
        new ComposeFiles(List.of(ComposeFile.parse(PATH, text)), Map.of(PATH, text), Map.of());
    Verdict v =
        new HostNetworkCheck()
            .evaluate(
                new HostNetworkCheck.Facts(
                    f, Map.of("/opt/hermes/.env", Optional.of("API_SERVER_HOST=0.0.0.0\n"))),
                Params.NONE,
                CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals("0.0.0.0", v.details().values().iterator().next());
  }

  @Test
  void dockersSocketOpenToTheServiceUserOutsideGroupDockerIsNoPass() {
    DockerGroupCheck c = new DockerGroupCheck();
    Optional<List<String>> groups = Optional.of(List.of("hermes"));
    Verdict closed = c.evaluate(new DockerGroupCheck.Facts(groups), Params.NONE, CTX);
    assertEquals(Status.PASS, closed.status());
    Verdict open =
        c.evaluate(
            new DockerGroupCheck.Facts(
                groups,
                Optional.of("/run/docker.sock (root:docker 0666)"),
                Optional.empty(),
                Optional.empty()),
            Params.NONE,
            CTX);
    assertEquals(Status.FAIL, open.status());
    assertEquals("reason.docker.socket-open-to-user", open.reason().key());
    assertTrue(
        open.reason().args().contains("/run/docker.sock (root:docker 0666)"), open.toString());
    Verdict unasked =
        c.evaluate(
            new DockerGroupCheck.Facts(
                groups,
                Optional.empty(),
                Optional.of("/run/docker.sock (root:docker 0660)"),
                Optional.empty()),
            Params.NONE,
            CTX);
    assertEquals(Status.FAIL, unasked.status());
    assertEquals("reason.docker.socket-unasked", unasked.reason().key());
    Verdict tcp =
        c.evaluate(
            new DockerGroupCheck.Facts(
                groups, Optional.empty(), Optional.empty(), Optional.of("tcp://127.0.0.1:2375")),
            Params.NONE,
            CTX);
    assertEquals("reason.docker.tcp-open-to-user", tcp.reason().key());
    Verdict member =
        c.evaluate(
            new DockerGroupCheck.Facts(Optional.of(List.of("hermes", "docker"))), Params.NONE, CTX);
    assertEquals("reason.docker.user-in-docker-group", member.reason().key());
  }
}
