package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.assertAllPassExcept;
import static dev.hermesharden.sandbox.Cli.assertNothingToDo;
import static dev.hermesharden.sandbox.Cli.assertStatus;
import static dev.hermesharden.sandbox.Cli.audit;
import static dev.hermesharden.sandbox.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.testing.StepChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Step {@code containers} against the real Docker daemon of the sandbox VPS: the fresh Hermes
 * compose file lacks every confinement setting; a setting added to the file by hand but not applied
 * is no PASS (the running container decides); the fix adds the rest and recreates the container,
 * and {@code docker inspect} then shows them in force.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class SandboxContainersTest {
  private static final String COMPOSE = "/opt/hermes/docker-compose.yml";

  @Test
  void theComposeFixConfinesTheRunningContainer(SandboxVps vps) throws Exception {
    Map<String, JsonNode> before = audit(vps, "containers");
    assertStatus(before, "containers.no-host-mounts", "PASS");
    assertStatus(before, "containers.no-new-privileges", "FAIL");
    assertStatus(before, "containers.caps-dropped", "FAIL");
    assertStatus(before, "containers.limits", "FAIL");

    // the admin adds no-new-privileges to the file by hand and does not recreate the container:
    // the file asks for it, the running container does not have it — no PASS
    Path compose = vps.vpsPath(COMPOSE);
    String text = Files.readString(compose);
    Files.writeString(
        compose,
        text.replaceFirst(
            "(\n    image: [^\n]+\n)", "$1    security_opt: [\"no-new-privileges:true\"]\n"));
    assertTrue(Files.readString(compose).contains("security_opt"), Files.readString(compose));
    Map<String, JsonNode> edited = audit(vps, "containers");
    assertStatus(edited, "containers.no-new-privileges", "FAIL");
    assertEquals(
        "reason.containers.not-recreated",
        edited.get("containers.no-new-privileges").path("reason_key").asText(),
        edited.get("containers.no-new-privileges").toString());
    assertStatus(edited, "containers.caps-dropped", "FAIL");

    String plan = run(vps, 0, "plan", "--step", "containers");
    assertTrue(plan.contains("+    cap_drop:"), plan);
    assertFalse(plan.contains("+    security_opt:"), "the file has it already:\n" + plan);
    assertTrue(plan.contains("up"), plan);

    // the steps before it are tested in SandboxStepsTest; here they are skipped to unlock step 11
    for (String step : StepChecks.steps().stream().map(d -> d.id()).toList()) {
      if (step.equals("containers")) {
        break;
      }
      run(vps, 0, "skip", "--step", step, "--kind", "LATER", "--reason", "tested elsewhere");
    }
    run(vps, 0, "apply", "--step", "containers", "--yes");
    assertAllPassExcept(audit(vps, "containers"));
    ExecResult inspect =
        vps.inVps(
            List.of(
                "docker",
                "inspect",
                "-f",
                "{{json .HostConfig.SecurityOpt}} {{json .HostConfig.CapDrop}}"
                    + " {{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}"
                    + " {{json .HostConfig.LogConfig.Config}}",
                "hermes"));
    String s = inspect.stdout();
    assertTrue(s.contains("no-new-privileges"), s + inspect.stderr());
    assertTrue(s.contains("\"ALL\""), s);
    assertTrue(s.contains(" 2000000000 "), s);
    assertTrue(s.contains("\"max-size\":\"10m\""), s);
    assertNothingToDo(run(vps, 0, "plan", "--step", "containers"));
  }
}
