package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.testing.StepChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report and the answers replay on the sandbox VPS (real sshd, ufw, Docker; the CLI runs as
 * root inside it): all three formats from a real host's session, 0600, with the real OpenSSH
 * version and none of Hermes' .env values; and a replay that needs a login proof shows the real
 * {@code confirm} command, waits for it and, when no proof comes within {@code --proof-timeout},
 * stops with exit 3 before any guarded change.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxReportTest {
  @Test
  @Order(1)
  void allThreeReportFormatsFromARealSession(SandboxVps vps) throws Exception {
    ExecResult users = vps.hermesHarden("apply", "--step", "users", "--yes");
    assertEquals(0, users.exitCode(), users.stdout() + users.stderr());
    String env = Files.readString(vps.vpsPath("/opt/hermes/data/.env"));
    for (String format : List.of("md", "json", "html")) {
      String target = "/root/report." + format;
      ExecResult r = vps.hermesHarden("report", "--format", format, "-o", target);
      assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
      Path file = vps.vpsPath(target);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      String text = Files.readString(file);
      for (String line : env.split("\n")) {
        int eq = line.indexOf('=');
        String value = eq < 0 || line.startsWith("#") ? "" : line.substring(eq + 1).strip();
        if (value.length() >= 8 && line.matches("[A-Z_]*(KEY|TOKEN|SECRET)[A-Z_]*=.*")) {
          assertFalse(text.contains(value), "a .env value in the " + format + " report");
        }
      }
    }
    JsonNode doc = new ObjectMapper().readTree(vps.vpsPath("/root/report.json").toFile());
    assertEquals(1, doc.get("version").asInt());
    assertFalse(doc.get("host").get("practice").asBoolean());
    assertTrue(
        doc.get("host").get("openssh").asText().startsWith("OpenSSH_"), doc.get("host").toString());
    assertEquals(StepChecks.steps().size(), doc.get("steps").size(), "one entry per step file");
    assertEquals("verified", doc.get("steps").get(0).get("outcome").asText());
  }

  @Test
  @Order(2)
  void aReplayWaitsForTheRealProofAndGivesUpWithExit3(SandboxVps vps) throws Exception {
    Files.writeString(
        vps.vpsPath("/root/answers.yaml"),
        "format: hermes-harden-answers\nversion: 1\nanswers:\n  admin.user: admin\n"
            + "skip:\n  - step: fail2ban\n    kind: later\n    reason: after the proof\n");
    ExecResult r =
        vps.hermesHarden(
            "apply", "--answers", "/root/answers.yaml", "--yes", "--proof-timeout", "3");
    assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(
        java.util.regex.Pattern.compile("(?m) hermes-harden confirm$").matcher(r.stdout()).find(),
        "the command, without the token: " + r.stdout());
    assertTrue(Proofs.TOKEN.matcher(r.stdout()).find(), "the token on its own line: " + r.stdout());
    assertTrue(r.stderr().contains("No proof (key-login) arrived within 3 seconds"), r.stderr());
    ExecResult ufw = vps.inVps(List.of("ufw", "status"));
    assertTrue(ufw.stdout().contains("inactive"), "no guarded change ran: " + ufw.stdout());
  }
}
