package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.testing.StepChecks;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit --json} gives each check the severity and the fix its step file names. */
class AuditJsonTest {
  @TempDir Path home;

  @Test
  void everyCheckCarriesItsStepFilesSeverityAndFix() throws Exception {
    CliRun r = CliRun.practice(home, "audit", "--json");
    assertEquals(3, r.code(), r.err());
    Map<String, CheckRef> refs = new HashMap<>();
    StepChecks.steps().forEach(d -> d.checks().forEach(c -> refs.put(c.id(), c)));
    int judged = 0;
    for (JsonNode c : new ObjectMapper().readTree(r.out()).get("checks")) {
      CheckRef ref = refs.get(c.get("id").asText());
      assertEquals(ref.severity().id(), c.get("severity").asText(), c.toString());
      assertEquals(ref.fix().orElse(null), c.get("fix").isNull() ? null : c.get("fix").asText());
      judged++;
    }
    assertEquals(refs.size(), judged, "every check of every step file");
    JsonNode nnp = byId(r.out(), "containers.no-new-privileges");
    assertEquals("high", nnp.get("severity").asText());
    assertEquals("containers.compose", nnp.get("fix").asText());
    assertTrue(byId(r.out(), "containers.no-host-mounts").get("fix").isNull(), "a manual item");
  }

  private static JsonNode byId(String json, String id) throws Exception {
    for (JsonNode c : new ObjectMapper().readTree(json).get("checks")) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no check " + id);
  }
}
