package dev.hermesharden.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The golden JSON report conforms to docs/report.schema.json. A small checker for the schema
 * keywords the file uses (type, required, properties, items, enum, const, oneOf, pattern,
 * additionalProperties), so the documented schema cannot drift from what the code writes.
 */
class ReportSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void goldenReportMatchesTheDocumentedSchema() throws Exception {
    JsonNode schema = JSON.readTree(Path.of("docs/report.schema.json").toFile());
    JsonNode doc = JSON.readTree(Path.of("src/test/resources/golden/report.json").toFile());
    List<String> errors = new ArrayList<>();
    check(schema, doc, "$", errors);
    assertEquals(List.of(), errors);
  }

  @Test
  void theCheckerCanFail() throws Exception {
    JsonNode schema = JSON.readTree(Path.of("docs/report.schema.json").toFile());
    List<String> errors = new ArrayList<>();
    check(schema, JSON.readTree("{\"format\":\"x\",\"version\":2}"), "$", errors);
    assertEquals(true, errors.size() > 3, errors.toString());
  }

  private static void check(JsonNode s, JsonNode v, String at, List<String> errors) {
    if (s.has("oneOf")) {
      int ok = 0;
      for (JsonNode alt : s.get("oneOf")) {
        List<String> e = new ArrayList<>();
        check(alt, v, at, e);
        ok += e.isEmpty() ? 1 : 0;
      }
      if (ok != 1) {
        errors.add(at + ": matches " + ok + " of oneOf");
      }
      return;
    }
    if (s.has("const") && !s.get("const").equals(v)) {
      errors.add(at + ": not " + s.get("const"));
    }
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode e : s.get("enum")) {
        found |= e.equals(v);
      }
      if (!found) {
        errors.add(at + ": " + v + " not in enum");
      }
    }
    if (s.has("type") && !typeOk(s.get("type"), v)) {
      errors.add(at + ": not of type " + s.get("type"));
      return;
    }
    if (s.has("pattern") && v.isTextual() && !v.asText().matches(s.get("pattern").asText())) {
      errors.add(at + ": does not match " + s.get("pattern").asText());
    }
    if (v.isObject()) {
      for (JsonNode r : s.path("required")) {
        if (!v.has(r.asText())) {
          errors.add(at + ": missing " + r.asText());
        }
      }
      v.fields()
          .forEachRemaining(
              f -> {
                JsonNode sub = s.path("properties").get(f.getKey());
                if (sub == null) {
                  sub = s.get("additionalProperties");
                }
                if (sub != null && sub.isObject()) {
                  check(sub, f.getValue(), at + "." + f.getKey(), errors);
                }
              });
    }
    if (v.isArray() && s.has("items")) {
      for (int i = 0; i < v.size(); i++) {
        check(s.get("items"), v.get(i), at + "[" + i + "]", errors);
      }
    }
  }

  private static boolean typeOk(JsonNode type, JsonNode v) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeOk(t, v)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> false;
    };
  }
}
