package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Hermes container bound to a data directory whose parent the agent owns ({@code chown -R hermes
 * /opt/APP}, a common answer to "permission denied"): the agent puts a link to {@code /etc} in
 * place of {@code data}, Docker follows it at the container's next start, and the container, root
 * inside, writes the host's {@code /etc}. {@code docker inspect} still shows the old name, and
 * {@code containers.no-host-mounts} judged mounts by name and passed. The VPS is put back in {@code
 * finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class ContainerMountsHostileSandboxTest {
  private static final String APP = "/opt/hh-agent-app";
  private static final String NAME = "hh-swap";

  @Test
  @Timeout(300)
  void aBindSourceTheAgentCanSwapForALinkIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    try {
      ExecResult setup =
          vps.inVps(
              List.of(
                  "sh",
                  "-c",
                  "mkdir -p "
                      + APP
                      + "/data && chown -R hermes:hermes "
                      + APP
                      + " && docker run -d --name "
                      + NAME
                      + " -v "
                      + APP
                      + "/data:/opt/data nousresearch/hermes-agent:latest"));
      assertEquals(0, setup.exitCode(), setup.stderr());
      JsonNode before = audit(vps, "containers").get("containers.no-host-mounts");
      assertEquals("FAIL", before.get("status").asText(), before.toString());
      assertTrue(
          before.toString().contains("reason.containers.mounts-swappable"), before.toString());

      // the agent swaps its data directory for a link; the next start (a reboot, an update) binds
      // it
      ExecResult swap =
          vps.inVps(SandboxVps.asHermes("cd " + APP + " && mv data data.old && ln -s /etc data"));
      assertEquals(0, swap.exitCode(), swap.stderr());
      assertEquals(0, vps.inVps(List.of("docker", "restart", NAME)).exitCode());
      ExecResult write =
          vps.inVps(List.of("docker", "exec", NAME, "sh", "-c", "touch /opt/data/hh-swapped"));
      assertEquals(0, write.exitCode(), write.stderr());
      assertTrue(
          Files.exists(vps.vpsPath("/etc/hh-swapped")),
          "the container wrote the host's /etc through the agent's link");
      ExecResult inspect =
          vps.inVps(
              List.of("docker", "inspect", "-f", "{{range .Mounts}}{{.Source}}{{end}}", NAME));
      assertEquals(APP + "/data", inspect.stdout().strip(), "docker inspect shows the name");
      JsonNode after = audit(vps, "containers").get("containers.no-host-mounts");
      assertEquals("FAIL", after.get("status").asText(), after.toString());
    } finally {
      vps.inVps(
          List.of(
              "sh",
              "-c",
              "docker rm -f " + NAME + " >/dev/null 2>&1; rm -rf " + APP + " /etc/hh-swapped"));
    }
    JsonNode c = audit(vps, "containers").get("containers.no-host-mounts");
    assertEquals("PASS", c.get("status").asText(), c.toString());
  }
}
