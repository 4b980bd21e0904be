package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.cli.Cli;
import dev.hermesharden.cli.CliEnvironment;
import dev.hermesharden.host.ExecResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers file of one sandbox VPS hardens a second, fresh one through the real proof flow. VPS
 * A (the class's) replays a hand-written answers file; {@code answers export} on A gives the file
 * that is copied into VPS B ({@link SandboxVps#startAnother}) and replayed there. Each replay shows
 * the {@code confirm} command and token for each proof; the test runs the command from that VPS's
 * workstation over SSH with the workstation's key, the token piped in (as the admin would paste it
 * in a second terminal), and the replay goes on. A and B then audit the same, check by check.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class SandboxAnswersReplayTest {
  @Test
  void answersOfOneVpsHardenASecondFreshVps(SandboxVps a) throws Exception {
    Files.writeString(
        a.vpsPath("/root/answers.yaml"),
        "format: hermes-harden-answers\nversion: 1\nanswers:\n  admin.user: \"admin\"\n"
            + "  private-path.kind: \"tailscale\"\n  approvals.generate-api-key: \"yes\"\n"
            + "skip: []\n");
    Replay onA = replay(a);
    ExecResult auditA = a.hermesHarden("audit", "--json");
    assertEquals(0, auditA.exitCode(), "the replayed VPS A passes the audit:\n" + auditA.stdout());
    assertNoSecrets(a, onA);

    ExecResult export = a.hermesHarden("answers", "export", "-o", "/root/exported.yaml");
    assertEquals(0, export.exitCode(), export.stderr());
    Path exported = Files.copy(a.vpsPath("/root/exported.yaml"), state.resolve("exported.yaml"));
    String file = Files.readString(exported);
    assertTrue(file.contains("private-path.kind: \"tailscale\""), file);

    Map<String, String> statusesA = statuses(auditA.stdout());
    Map<String, String> statusesB;
    SandboxVps b = SandboxVps.startAnother();
    try {
      assertFalse(b.vpsPath("/etc").equals(a.vpsPath("/etc")), "B has a filesystem of its own");
      assertEquals(
          3, b.hermesHarden("audit", "--json").exitCode(), "B starts fresh: its audit fails");
      Files.copy(exported, b.vpsPath("/root/answers.yaml"));
      Replay onB = replay(b);
      assertTrue(onB.tokens().stream().noneMatch(onA.tokens()::contains), "B's proofs are B's own");
      ExecResult auditB = b.hermesHarden("audit", "--json");
      assertEquals(
          0, auditB.exitCode(), "the replayed VPS B passes the audit:\n" + auditB.stdout());
      statusesB = statuses(auditB.stdout());
    } finally {
      b.close();
    }
    // Check by check, the same status; there is no justified difference between two sandbox VPSs
    // (same image, same answers), so the map of differences must be empty.
    assertEquals(statusesA.keySet(), statusesB.keySet());
    assertEquals(Map.of(), differences(statusesA, statusesB), "A and B audit the same");

    // The same file on a fresh practice VPS: the same audit, check by check, but one.
    List<String> practice = List.of("--practice", "--state-dir", state.resolve("p").toString());
    cli(List.of("apply", "--answers", exported.toString(), "--yes"), practice);
    Map<String, String> replayed = statuses(cli(List.of("audit", "--json"), practice));
    assertEquals(statusesA.keySet(), replayed.keySet());
    // The only allowed difference is a file one server does not have: the sandbox's Hermes has no
    // auth.json (NOT_APPLICABLE), the practice VPS's has one.
    assertEquals(
        Map.of("hermes-dir.auth-file", "NOT_APPLICABLE vs PASS"),
        differences(statusesA, replayed),
        "sandbox and practice VPS audit the same after the same answers");
  }

  /** What a replay showed and the proof tokens the workstation confirmed. */
  private record Replay(String output, List<String> tokens) {}

  /**
   * {@code apply --answers /root/answers.yaml --yes} in the VPS, acting as the admin's second
   * terminal: runs each confirm command the replay shows from the workstation, once.
   */
  private static Replay replay(SandboxVps vps) throws Exception {
    SandboxVps.Background replay =
        vps.hermesHardenInBackground(
            "--confirm-program",
            SandboxVps.WRAPPER,
            "apply",
            "--answers",
            "/root/answers.yaml",
            "--yes",
            "--proof-timeout",
            "120");
    List<String> tokens = new ArrayList<>();
    StringBuilder log = new StringBuilder();
    long end = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    boolean watched = false;
    try {
      while (replay.process().isAlive() && System.nanoTime() < end) {
        String out = replay.output();
        assertFalse(out.contains("does not count"), "a confirmation was refused:\n" + out);
        for (Proofs.Asked asked : Proofs.Asked.all(out)) {
          if (!tokens.contains(asked.token())) {
            tokens.add(asked.token());
            ExecResult c = asked.runFromWorkstation(vps, Optional.empty());
            log.append("[workstation] exit ").append(c.exitCode()).append(' ').append(c.stderr());
          }
        }
        Thread.sleep(250);
      }
      watched = true;
    } finally {
      if (!watched) {
        replay.await(Duration.ofSeconds(1)); // stops it by pid
      }
    }
    ExecResult done = replay.await(Duration.ofMinutes(1));
    String out = done.stdout() + log;
    assertEquals(0, done.exitCode(), out);
    assertTrue(tokens.size() >= 2, "both proofs were asked for and made:\n" + out);
    assertTrue(out.contains("Recorded proof: key login"), out);
    return new Replay(out, tokens);
  }

  /** Neither the proof tokens nor Hermes' keys (one generated by step 9) reach state or reports. */
  private static void assertNoSecrets(SandboxVps vps, Replay replay) throws Exception {
    List<String> secrets = new ArrayList<>(replay.tokens());
    for (String line : Files.readString(vps.vpsPath("/opt/hermes/data/.env")).split("\n")) {
      if (line.matches("[A-Z_]*(KEY|TOKEN|SECRET)[A-Z_]*=.{8,}")) {
        secrets.add(line.substring(line.indexOf('=') + 1).strip());
      }
    }
    assertTrue(secrets.size() > replay.tokens().size(), "the .env holds keys: " + secrets);
    List<Path> outputs = new ArrayList<>(List.of(vps.vpsPath("/var/lib/hermes-harden/state.json")));
    for (String format : List.of("md", "json", "html")) {
      ExecResult r = vps.hermesHarden("report", "--format", format, "-o", "/root/r." + format);
      assertEquals(0, r.exitCode(), r.stderr());
      outputs.add(vps.vpsPath("/root/r." + format));
    }
    for (Path o : outputs) {
      String text = Files.readString(o);
      for (String secret : secrets) {
        assertFalse(text.contains(secret), "a secret in " + o);
      }
    }
  }

  static Map<String, String> differences(Map<String, String> x, Map<String, String> y) {
    Map<String, String> differ = new LinkedHashMap<>();
    x.forEach(
        (id, st) -> {
          if (!st.equals(y.get(id))) {
            differ.put(id, st + " vs " + y.get(id));
          }
        });
    return differ;
  }

  @TempDir Path state;

  /** The CLI in-process against the practice VPS; returns stdout, fails on a non-zero exit. */
  private String cli(List<String> args, List<String> globals) {
    List<String> all = new ArrayList<>(args);
    all.addAll(globals);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            all.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new CliEnvironment(Map.of("LANG", "C.UTF-8", "USER", "alice"), 1000, state));
    assertEquals(0, code, out + "\n" + err);
    return out.toString();
  }

  static Map<String, String> statuses(String auditJson) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode c : new ObjectMapper().readTree(auditJson).get("checks")) {
      out.put(c.get("id").asText(), c.get("status").asText());
    }
    return out;
  }
}
