package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.testing.StepChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole practice VPS through the command line, in-process: every step starts failing, the
 * guards refuse destructive changes until the proofs are made, and after every fix the audit passes
 * and no plan has anything left to do.
 */
class PracticeWalkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The step ids of the packaged step files, in card order. */
  private static final List<String> STEPS =
      StepChecks.steps().stream().map(StepDefinition::id).toList();

  @TempDir Path home;

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--practice", "--state-dir", home.resolve("state").toString()));
    return CliRun.of(CliRun.user(home), all.toArray(String[]::new));
  }

  private Map<String, List<String>> statusesByStep(CliRun audit) throws Exception {
    JsonNode doc = JSON.readTree(audit.out());
    Map<String, List<String>> byStep = new LinkedHashMap<>();
    for (JsonNode c : doc.get("checks")) {
      byStep
          .computeIfAbsent(c.get("step").asText(), k -> new ArrayList<>())
          .add(c.get("id").asText() + "=" + c.get("status").asText());
    }
    return byStep;
  }

  @Test
  void freshPracticeVpsFailsEveryStep() throws Exception {
    CliRun audit = run("audit", "--json");
    assertEquals(3, audit.code(), audit.err());
    Map<String, List<String>> byStep = statusesByStep(audit);
    assertEquals(STEPS, List.copyOf(byStep.keySet()), "audit covers every step in order");
    for (String step : STEPS) {
      assertTrue(
          byStep.get(step).stream().anyMatch(s -> s.endsWith("=FAIL")),
          "step " + step + " must start failing: " + byStep.get(step));
    }
  }

  @Test
  void hardeningEveryStepMakesTheAuditPass() throws Exception {
    // Destructive changes are refused before the proofs exist, whoever asks.
    CliRun early = run("apply", "--step", "users", "--yes");
    assertEquals(0, early.code(), early.out() + early.err());

    CliRun locked = run("apply", "--step", "sshd", "--yes");
    assertEquals(3, locked.code(), "a locked step cannot be applied: " + locked.out());

    assertEquals(3, run("apply", "--step", "ssh-keys", "--yes").code(), "no key-login proof yet");
    CliRun keyProof = run("prove", "key-login");
    assertEquals(0, keyProof.code(), keyProof.out() + keyProof.err());
    assertTrue(keyProof.out().contains("verified"), keyProof.out());

    CliRun pathProof = run("prove", "private-path");
    assertEquals(0, pathProof.code(), pathProof.out() + pathProof.err());

    for (String step : STEPS.subList(3, STEPS.size())) {
      CliRun r =
          step.equals("approvals")
              ? run("apply", "--step", step, "--yes", "--set", "approvals.generate-api-key=yes")
              : run("apply", "--step", step, "--yes");
      assertEquals(0, r.code(), "apply " + step + ":\n" + r.out() + r.err());
    }

    CliRun audit = run("audit", "--json");
    assertEquals(0, audit.code(), "after every fix the audit passes:\n" + audit.out());
    CliRun table = run("audit");
    assertEquals(0, table.code());
    assertFalse(table.out().contains("FAIL"), table.out());

    CliRun plan = run("plan");
    assertEquals(0, plan.code(), plan.err());
    assertFalse(plan.out().contains("$ "), "a second apply would run nothing:\n" + plan.out());
    assertFalse(plan.out().contains("+++ "), "a second apply would write nothing:\n" + plan.out());
  }
}
