package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.practice.PracticeStore;
import dev.hermesharden.practice.ScaledPractice;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flat at size: {@code audit --practice} on the practice VPS with 10,000 more admin keys, 5,000 ufw
 * rules, 3,200 compose services or a 5 MB {@code config.yaml} gives every check the status and
 * reason it gives at 1x (the files grow by things that change no verdict, see {@link
 * ScaledPractice}). The times and memory are printed by {@code src/bench/audit-scale.sh}.
 */
class ScaleVerdictsTest {
  @TempDir Path home;

  @ParameterizedTest
  @ValueSource(strings = {"keys", "ufw", "compose", "config"})
  void theSameVerdictsAsAt1x(String variant) throws Exception {
    Map<String, String> small = verdicts(ScaledPractice.baseline(variant));
    Map<String, String> large = verdicts(variant);
    assertTrue(small.size() > 60, "the audit judged every check: " + small.keySet());
    assertEquals(small, large);
  }

  private Map<String, String> verdicts(String variant) throws Exception {
    Path run = home.resolve(variant);
    new PracticeStore(run.resolve("state")).save(ScaledPractice.of(variant));
    CliRun r = CliRun.practice(run, "audit", "--json");
    assertEquals(3, r.code(), r.err());
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode c : new ObjectMapper().readTree(r.out()).get("checks")) {
      out.put(c.get("id").asText(), c.get("status").asText() + " " + c.get("reason_key").asText());
    }
    return out;
  }
}
