package dev.hermesharden.fixes.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.modules.DockerModule;
import dev.hermesharden.testing.PlanApplier;
import dev.hermesharden.testing.StepChecks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerFixesTest {
  static final StepContext CTX = StepContext.of(Answers.EMPTY);
  static final String COMPOSE = "/opt/hermes/docker-compose.yml";
  static final Catalog CATALOG = Catalog.of(List.of(new DockerModule()));
  static final List<String> CHECKS =
      List.of(
          "docker.compose-found",
          "docker.compose-loopback",
          "docker.containers-loopback",
          "docker.no-public-listeners",
          "docker.socket-not-mounted",
          "docker.not-privileged",
          "docker.service-user-not-in-docker-group",
          "docker.host-network-loopback");

  static Map<String, Verdict> runChecks(Host host) throws Exception {
    Map<String, Verdict> out = new LinkedHashMap<>();
    for (String id : CHECKS) {
      out.put(id, StepChecks.run(CATALOG, id, host, CTX));
    }
    return out;
  }

  @Test
  void freshVpsFailsThenBindLoopbackFixesIt() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Map<String, Verdict> before = runChecks(host);
    assertEquals(Status.FAIL, before.get("docker.compose-loopback").status());
    assertEquals(Status.FAIL, before.get("docker.containers-loopback").status());
    assertEquals(Status.FAIL, before.get("docker.no-public-listeners").status());
    assertEquals(Status.PASS, before.get("docker.compose-found").status());
    assertEquals(
        Status.NOT_APPLICABLE, before.get("docker.service-user-not-in-docker-group").status());

    String original = host.readFile(COMPOSE).orElseThrow();
    Plan plan = CATALOG.fix("docker.bind-loopback").orElseThrow().plan(host, Params.NONE, CTX);
    assertEquals(2, plan.actions().size());
    WriteFile w = assertInstanceOf(WriteFile.class, plan.actions().get(0));
    assertEquals(COMPOSE, w.path());
    assertEquals(original, w.before().orElseThrow());
    assertTrue(
        w.diff().contains("+      - \"127.0.0.1:8642:8642\"   # gateway API (OpenAI-compatible)"),
        w.diff());
    RunCommand up = assertInstanceOf(RunCommand.class, plan.actions().get(1));
    assertEquals(List.of("docker", "compose", "-f", COMPOSE, "up", "-d", "--no-build"), up.argv());

    PlanApplier.apply(host, plan);
    String after = host.readFile(COMPOSE).orElseThrow();
    assertEquals(
        original
            .replace("\"8642:8642\"", "\"127.0.0.1:8642:8642\"")
            .replace("\"9119:9119\"", "\"127.0.0.1:9119:9119\""),
        after,
        "only the two port values changed");
    runChecks(host).forEach((id, v) -> assertTrue(v.status().satisfied(), id + " " + v));
    assertTrue(
        CATALOG.fix("docker.bind-loopback").orElseThrow().plan(host, Params.NONE, CTX).isEmpty());
  }

  @Test
  void editedButNotRecreatedOnlyRecreates() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.fs()
        .write(
            COMPOSE,
            host.fs()
                .read(COMPOSE)
                .orElseThrow()
                .replace("\"8642:8642\"", "\"127.0.0.1:8642:8642\"")
                .replace("\"9119:9119\"", "\"127.0.0.1:9119:9119\""));
    assertEquals(Status.PASS, runChecks(host).get("docker.compose-loopback").status());
    assertEquals(
        Status.FAIL,
        runChecks(host).get("docker.containers-loopback").status(),
        "containers still run the old publishes");
    Plan plan = CATALOG.fix("docker.bind-loopback").orElseThrow().plan(host, Params.NONE, CTX);
    assertEquals(1, plan.actions().size());
    assertInstanceOf(RunCommand.class, plan.actions().get(0));
    PlanApplier.apply(host, plan);
    assertEquals(Status.PASS, runChecks(host).get("docker.containers-loopback").status());
  }

  @Test
  void serviceUserLeavesTheDockerGroup() throws Exception {
    SimulatedHost sim = SimulatedHost.fresh();
    sim.fs()
        .write(
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/bash\nhermes:x:999:999::/home/hermes:/usr/sbin/nologin\n");
    sim.fs().write("/etc/group", "root:x:0:\ndocker:x:998:admin,hermes\nhermes:x:999:\n");
    UsersShim host = new UsersShim(sim);
    assertEquals(
        Status.FAIL, runChecks(host).get("docker.service-user-not-in-docker-group").status());
    Plan plan =
        CATALOG
            .fix("docker.remove-hermes-from-docker-group")
            .orElseThrow()
            .plan(host, Params.NONE, CTX);
    assertEquals("$ gpasswd -d hermes -- docker\n", plan.render());
    PlanApplier.apply(host, plan);
    assertEquals(
        Status.PASS, runChecks(host).get("docker.service-user-not-in-docker-group").status());
    assertTrue(sim.fs().read("/etc/group").orElseThrow().contains("docker:x:998:admin\n"));
    assertTrue(
        CATALOG
            .fix("docker.remove-hermes-from-docker-group")
            .orElseThrow()
            .plan(host, Params.NONE, CTX)
            .isEmpty());
  }
}
