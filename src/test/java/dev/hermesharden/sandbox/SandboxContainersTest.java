package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.assertAllPassExcept;
import static dev.hermesharden.sandbox.Cli.assertNothingToDo;
import static dev.hermesharden.sandbox.Cli.assertStatus;
import static dev.hermesharden.sandbox.Cli.audit;
import static dev.hermesharden.sandbox.Cli.run;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.testing.StepChecks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Step {@code containers} against the real Docker daemon of the sandbox VPS: the fresh Hermes
 * compose file lacks every confinement setting, the fix adds them and recreates the container, and
 * {@code docker inspect} then shows them in force.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class SandboxContainersTest {
  @Test
  void theComposeFixConfinesTheRunningContainer(SandboxVps vps) throws Exception {
    Map<String, JsonNode> before = audit(vps, "containers");
    assertStatus(before, "containers.no-host-mounts", "PASS");
    assertStatus(before, "containers.no-new-privileges", "FAIL");
    assertStatus(before, "containers.caps-dropped", "FAIL");
    assertStatus(before, "containers.limits", "FAIL");

    String plan = run(vps, 0, "plan", "--step", "containers");
    assertTrue(plan.contains("+    security_opt:"), plan);

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
