package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small assertions over the wizard's CLI run inside a sandbox VPS: {@code audit --json} as a map of
 * check id to its JSON, and the sha256 of VPS files (to prove a second apply wrote nothing).
 *
 * <p>Caveat: the messages asserted on are the English ones ({@code LANG=C.UTF-8} in the VPS).
 */
final class Cli {
  /** The plan line of a fix that has nothing to do ({@code cli.plan.nothing}). */
  static final String NOTHING = "Nothing to do: already in place.";

  private Cli() {}

  /** {@code audit --step ID --json}: check id → its JSON object (status, reason, details). */
  static Map<String, JsonNode> audit(SandboxVps vps, String step) throws IOException {
    ExecResult r = vps.cli("audit", "--step", step, "--json");
    assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.exitCode() + "\n" + r.stderr());
    Map<String, JsonNode> checks = new LinkedHashMap<>();
    for (JsonNode c : new ObjectMapper().readTree(r.stdout()).get("checks")) {
      checks.put(c.get("id").asText(), c);
    }
    return checks;
  }

  /** Asserts the status of one check in an audit, showing the check's JSON when it differs. */
  static void assertStatus(Map<String, JsonNode> audit, String id, String status) {
    JsonNode c = audit.get(id);
    assertTrue(c != null, "no check " + id + " in " + audit.keySet());
    assertEquals(status, c.get("status").asText(), c.toString());
  }

  /** Asserts every check of the audit is PASS or NOT_APPLICABLE, except the ids given. */
  static void assertAllPassExcept(Map<String, JsonNode> audit, String... except) {
    List<String> allowed = List.of(except);
    audit.forEach(
        (id, c) -> {
          if (!allowed.contains(id)) {
            String s = c.get("status").asText();
            assertTrue(s.equals("PASS") || s.equals("NOT_APPLICABLE"), c.toString());
          }
        });
  }

  /** Runs the CLI, asserting its exit code, and returns stdout + stderr. */
  static String run(SandboxVps vps, int exit, String... args) throws IOException {
    ExecResult r = vps.hermesHarden(args);
    String all = r.stdout() + r.stderr();
    assertEquals(exit, r.exitCode(), String.join(" ", args) + "\n" + all);
    return all;
  }

  /** Asserts a {@code plan} output has nothing to do for any fix: no command, no diff. */
  static void assertNothingToDo(String plan) {
    assertTrue(plan.contains(NOTHING), plan);
    assertTrue(plan.lines().noneMatch(l -> l.startsWith("$ ") || l.startsWith("+++ ")), plan);
  }

  /** sha256 of VPS files ("absent" for a missing one), read from outside the VPS. */
  static Map<String, String> sha(SandboxVps vps, String... paths) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : paths) {
      var f = vps.vpsPath(p);
      out.put(p, Files.exists(f) ? hex(Files.readAllBytes(f)) : "absent");
    }
    return out;
  }

  private static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
