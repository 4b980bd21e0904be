package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The second hostile pass on steps 1–9 (the first is {@link EarlyStepsHostileSandboxTest}): each
 * method puts the VPS in a state a check called safe, proves it unsafe by trying it, and asserts
 * the check now fails. Each method undoes its setup in {@code finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class EarlyStepsHostileSandbox2Test {
  /** The service account as a plain user with a shell and a home (as WatchSandboxTest makes it). */
  private static void serviceAccount(SandboxVps vps) throws Exception {
    vps.inVps(
        List.of("sh", "-c", "getent passwd hermes >/dev/null || useradd -m -s /bin/sh hermes"));
  }

  /** Reads the first line of /etc/shadow as hermes with all its groups (as its login gets them). */
  private static ExecResult shadowAsHermes(SandboxVps vps) throws Exception {
    return vps.inVps(List.of("runuser", "-u", "hermes", "--", "head", "-n", "1", "/etc/shadow"));
  }

  /**
   * The service account in group {@code shadow}: it reads every password hash in {@code
   * /etc/shadow} (root:shadow 0640), the admin's included, and cracks it offline to the admin's
   * sudo. The users step checked only sudo, docker, adm and wheel and called it PASS; {@code disk},
   * {@code lxd}, {@code root} and the other root-equivalent groups passed the same way.
   */
  @Test
  @Timeout(120)
  void aServiceAccountInGroupShadowIsNoPass(SandboxVps vps) throws Exception {
    serviceAccount(vps);
    ExecResult before = shadowAsHermes(vps);
    assertTrue(before.exitCode() != 0, "hermes outside shadow reads /etc/shadow: " + before);
    ExecResult add = vps.inVps(List.of("usermod", "-aG", "shadow", "--", "hermes"));
    assertEquals(0, add.exitCode(), add.stderr());
    try {
      // the truth: the agent reads root's password hash
      ExecResult read = shadowAsHermes(vps);
      assertEquals(0, read.exitCode(), read.stdout() + read.stderr());
      assertTrue(read.stdout().startsWith("root:"), read.stdout());
      JsonNode groups = audit(vps, "users").get("users.service-user-groups");
      assertEquals("FAIL", groups.get("status").asText(), groups.toString());
      assertTrue(groups.toString().contains("shadow"), groups.toString());
    } finally {
      vps.inVps(List.of("gpasswd", "-d", "hermes", "--", "shadow"));
    }
  }
}
