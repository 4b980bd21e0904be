package dev.hermesharden.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One monthly review's results as kept under {@code <state dir>/reviews/<date>.json}: check id →
 * status, in audit order. {@link #regressionsSince} names the checks that were satisfied (PASS or
 * NOT_APPLICABLE) last time and are not now, or are new and not satisfied.
 *
 * <p>Caveat: holds ids and statuses only, never reasons or details, so it cannot carry a secret.
 */
public record ReviewRecord(Instant at, String host, Map<String, String> statuses) {
  public static final String FORMAT = "hermes-harden-review";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ReviewRecord {
    statuses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
  }

  public String toJson() throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("version", 1);
    doc.put("at", at.toString());
    doc.put("host", host);
    List<Map<String, String>> checks = new ArrayList<>();
    statuses.forEach((id, s) -> checks.add(Map.of("id", id, "status", s)));
    doc.put("checks", checks);
    return JSON.writeValueAsString(doc) + "\n";
  }

  public static ReviewRecord parse(String json) throws IOException {
    JsonNode doc = JSON.readTree(json);
    if (doc == null || !FORMAT.equals(doc.path("format").asText())) {
      throw new IOException("not a hermes-harden review file");
    }
    Map<String, String> statuses = new LinkedHashMap<>();
    for (JsonNode c : doc.path("checks")) {
      statuses.put(c.path("id").asText(), c.path("status").asText());
    }
    return new ReviewRecord(
        Instant.parse(doc.path("at").asText()), doc.path("host").asText(), statuses);
  }

  /** Check ids that got worse since {@code before}, in audit order. */
  public List<String> regressionsSince(ReviewRecord before) {
    List<String> worse = new ArrayList<>();
    statuses.forEach(
        (id, now) -> {
          String was = before.statuses().get(id);
          if (!satisfied(now) && (was == null || satisfied(was))) {
            worse.add(id);
          }
        });
    return worse;
  }

  private static boolean satisfied(String status) {
    return status.equals("PASS") || status.equals("NOT_APPLICABLE");
  }
}
