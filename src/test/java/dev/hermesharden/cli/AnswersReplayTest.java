package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.testing.StepChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers files through the CLI: a finished practice session is exported, replayed without prompts
 * on a fresh practice VPS (a new state dir) through the same engine and guards (the practice prover
 * performs the proofs), and both servers audit the same; bad files are refused with file:line:field
 * before anything changes.
 */
class AnswersReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private CliRun run(String stateDir, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--practice", "--state-dir", home.resolve(stateDir).toString()));
    return CliRun.of(CliRun.user(home), all.toArray(String[]::new));
  }

  private static void ok(CliRun r) {
    assertEquals(0, r.code(), r.out() + r.err());
  }

  private Map<String, String> statuses(String stateDir) throws Exception {
    CliRun audit = run(stateDir, "audit", "--json");
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode c : JSON.readTree(audit.out()).get("checks")) {
      out.put(c.get("id").asText(), c.get("status").asText());
    }
    return out;
  }

  @Test
  void exportedAnswersHardenAFreshVpsToTheSameAudit() throws Exception {
    ok(run("a", "apply", "--step", "users", "--yes"));
    run("a", "apply", "--step", "ssh-keys", "--yes");
    ok(run("a", "prove", "key-login"));
    ok(run("a", "prove", "private-path"));
    ok(run("a", "apply", "--step", "firewall", "--yes"));
    ok(run("a", "apply", "--step", "sshd", "--yes"));
    ok(run("a", "skip", "--step", "fail2ban", "--kind", "DONE_ELSEWHERE", "--reason", "CrowdSec"));
    // hermes-dir and every step after it, whatever the step files add
    List<String> ids = StepChecks.steps().stream().map(d -> d.id()).toList();
    for (String step : ids.subList(ids.indexOf("hermes-dir"), ids.size())) {
      ok(run("a", "apply", "--step", step, "--yes"));
    }
    Path answers = home.resolve("answers.yaml");
    ok(run("a", "answers", "export", "-o", answers.toString()));
    String yaml = Files.readString(answers);
    assertTrue(yaml.contains("format: hermes-harden-answers"), yaml);
    assertTrue(yaml.contains("approvals.generate-api-key: \"yes\""), yaml);
    assertTrue(yaml.contains("  - step: fail2ban\n    kind: done_elsewhere\n"), yaml);
    assertFalse(yaml.contains("session.login-user"), "per-run values are not exported");

    CliRun replay = run("b", "apply", "--answers", answers.toString(), "--yes");
    assertEquals(0, replay.code(), replay.out() + replay.err());
    assertTrue(replay.out().contains("Recorded proof: key login"), replay.out());
    assertTrue(replay.out().contains("Recorded proof: private-path login"), replay.out());
    Map<String, String> a = statuses("a");
    Map<String, String> b = statuses("b");
    assertEquals(a, b, "the replayed VPS audits exactly like the original");
    assertTrue(b.containsValue("PASS") && b.get("fail2ban.installed").equals("FAIL"), "" + b);
    byte[] vpsB = Files.readAllBytes(home.resolve("b").resolve("practice-vps.json"));
    CliRun again = run("b", "apply", "--answers", answers.toString(), "--yes");
    assertEquals(0, again.code(), "a second replay passes: " + again.out());
    assertFalse(again.out().contains("Recorded proof"), "nothing guarded ran: " + again.out());
    assertTrue(
        java.util.Arrays.equals(
            vpsB, Files.readAllBytes(home.resolve("b").resolve("practice-vps.json"))),
        "a second replay changes nothing on the VPS");
  }

  @Test
  void badAnswersFilesAreRefusedBeforeAnythingRuns() throws Exception {
    String good =
        "format: hermes-harden-answers\nversion: 1\nanswers:\n  admin.user: admin\nskip: []\n";
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put(
        good.replace("  admin.user: admin\n", "  admin.user: admin\n  colour: blue\n"),
        "bad.yaml:5: answers.colour: unknown key \"colour\"");
    bad.put(
        good.replace("admin.user: admin", "admin.user: [a, b]"),
        "bad.yaml:4: answers.admin.user: must be a text");
    bad.put(
        good.replace("skip: []", "skip:\n  - step: nosuch\n    kind: later\n    reason: x"),
        "bad.yaml:6: skip[0].step: there is no step \"nosuch\"");
    bad.put(
        good.replace("skip: []", "skip:\n  - step: sshd\n    kind: later\n    reason: \"  \""),
        "bad.yaml:8: skip[0].reason: a skipped step needs a reason");
    bad.put(
        good.replace("admin.user: admin", "admin.user: Admin; rm -rf /"),
        "bad.yaml:4: answers.admin.user: \"Admin; rm -rf /\" is not a user name");
    bad.put(good.replace("version: 1", "version: 2"), "bad.yaml:2: version:");
    Path vps = home.resolve("c").resolve("practice-vps.json");
    assertEquals(0, run("c", "apply", "--step", "users").code()); // a dry run saves the VPS
    byte[] before = Files.readAllBytes(vps);
    for (var e : bad.entrySet()) {
      Path file = home.resolve("bad.yaml");
      Files.writeString(file, e.getKey());
      CliRun r = run("c", "apply", "--answers", file.toString(), "--yes");
      assertEquals(2, r.code(), r.out() + r.err());
      assertTrue(r.err().contains(e.getValue()), "want " + e.getValue() + " in:\n" + r.err());
      assertTrue(r.err().contains("nothing was changed"), r.err());
      assertEquals("", r.out(), "nothing ran");
      assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(vps)), "VPS unchanged");
    }
  }
}
