package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An answers file hardens a fresh sandbox VPS through the real proof flow: the replay shows the
 * {@code confirm} command for each proof, the test runs it from the workstation over SSH with the
 * workstation's key (as the admin would in a second terminal), and the replay goes on.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class SandboxAnswersReplayTest {
  private static final Pattern CONFIRM =
      Pattern.compile("(\\S+@\\S+) (\\S+) confirm ([A-Z2-7]+)\\s*$");

  @Test
  void answersReplayWithRealProofs(SandboxVps vps) throws Exception {
    String launcher = vps.cliLauncher();
    // The sandbox has no journald, so sshd's "Accepted" line cannot be read from the journal;
    // let sshd expose the login method to the session instead ($SSH_USER_AUTH), as step 5 does.
    Files.writeString(
        vps.vpsPath("/etc/ssh/sshd_config.d/00-expose-auth-info.conf"), "ExposeAuthInfo yes\n");
    ExecResult reload = vps.inVps(List.of("systemctl", "reload", "ssh"));
    assertEquals(0, reload.exitCode(), reload.stderr());
    Files.writeString(
        vps.vpsPath("/root/answers.yaml"),
        "format: hermes-harden-answers\nversion: 1\nanswers:\n  admin.user: \"admin\"\n"
            + "  private-path.kind: \"tailscale\"\n  approvals.generate-api-key: \"yes\"\n"
            + "skip: []\n");
    Process p =
        vps.startHermesHarden(
            "--confirm-program",
            launcher,
            "apply",
            "--answers",
            "/root/answers.yaml",
            "--yes",
            "--proof-timeout",
            "120");
    StringBuilder out = new StringBuilder();
    int proofs = 0;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
        if (line.contains("does not count")) {
          p.destroy();
          throw new AssertionError("a confirmation was refused:\n" + out);
        }
        Matcher m = CONFIRM.matcher(line);
        if (m.find()) {
          ExecResult c = vps.fromWorkstation(vps.ssh(m.group(1), launcher, "confirm", m.group(3)));
          out.append("[workstation] exit ")
              .append(c.exitCode())
              .append(' ')
              .append(c.stdout())
              .append(c.stderr())
              .append('\n');
          proofs++;
        }
      }
    }
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "replay finished");
    assertEquals(0, p.exitValue(), out.toString());
    assertTrue(proofs >= 2, "both proofs were asked for and made:\n" + out);
    ExecResult audit = vps.hermesHarden("audit");
    assertEquals(
        0, audit.exitCode(), "the replayed sandbox VPS passes the audit:\n" + audit.stdout());
  }
}
