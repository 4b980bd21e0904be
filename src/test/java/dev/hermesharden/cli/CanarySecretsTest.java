package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.practice.SimFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants a unique canary in every secret the wizard reads on the practice VPS (.env values, a
 * config.yaml api_key, a compose environment key, auth.json's token), runs a whole practice session
 * through the CLI in-process (every step applied, proofs, one step skipped, all report formats, the
 * answers export), and asserts no canary reaches any output: stdout and stderr of every command,
 * every report, the answers file, the state file with its session log. The practice-vps.json IS the
 * simulated server's disk, so the canaries must be there; the test checks they are nowhere on it
 * except the files they were planted in and the wizard's byte-for-byte backups of those files
 * (which a real server keeps the same way, root-only).
 */
class CanarySecretsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENV = "/opt/hermes/data/.env";
  private static final String CONFIG = "/opt/hermes/data/config.yaml";
  private static final String AUTH = "/opt/hermes/data/auth.json";
  private static final String COMPOSE = "/opt/hermes/docker-compose.yml";
  private static final Map<String, String> CANARIES =
      Map.of(
          "env-openrouter", "sk-or-v1-canaryENV0penrouter7f3a9b1c2d3e4f5a6b7c8d9e",
          "env-telegram", "7319990001:AAcanaryTELEGRAMtok3nXyZ0123456789abcd",
          "env-plain", "canaryPLAINvalue4417",
          "config-api-key", "canaryCONFIGapikey99812",
          "compose-env", "canaryCOMPOSEsecret5521",
          "auth-token", "canaryAUTHaccesstoken0042");

  @TempDir Path home;
  private final List<CliRun> runs = new ArrayList<>();

  private CliRun run(String... args) {
    CliRun r = CliRun.practice(home, args);
    runs.add(r);
    return r;
  }

  private void plantCanaries() throws Exception {
    new PracticeFiles()
        .edit(
            ENV,
            env ->
                env.replaceFirst(
                            "OPENROUTER_API_KEY=\\S+",
                            "OPENROUTER_API_KEY=" + CANARIES.get("env-openrouter"))
                        .replaceFirst(
                            "TELEGRAM_BOT_TOKEN=\\S+",
                            "TELEGRAM_BOT_TOKEN=" + CANARIES.get("env-telegram"))
                    + "HERMES_INSTANCE_LABEL="
                    + CANARIES.get("env-plain")
                    + "\n")
        .edit(
            CONFIG,
            config ->
                config.replace(
                    "  provider: \"auto\"\n",
                    "  provider: \"auto\"\n  api_key: " + CANARIES.get("config-api-key") + "\n"))
        .edit(
            COMPOSE,
            compose ->
                compose.replace(
                    "      - HERMES_DASHBOARD=1\n",
                    "      - HERMES_DASHBOARD=1\n      - ANTHROPIC_API_KEY="
                        + CANARIES.get("compose-env")
                        + "\n"))
        .edit(
            AUTH, auth -> auth.replace("nous-fake-access-token-4f9a1c", CANARIES.get("auth-token")))
        .saveTo(home.resolve("state"));
  }

  private static void ok(CliRun r) {
    assertEquals(0, r.code(), r.out() + r.err());
  }

  @Test
  void noCanaryReachesAnyOutput() throws Exception {
    plantCanaries();
    Path state = home.resolve("state");
    ok(run("apply", "--step", "users", "--yes"));
    assertEquals(
        3, run("apply", "--step", "ssh-keys", "--yes").code(), "adds the key, no proof yet");
    ok(run("prove", "key-login"));
    ok(run("prove", "private-path"));
    for (String step : List.of("firewall", "sshd")) {
      CliRun r = run("apply", "--step", step, "--yes");
      assertEquals(0, r.code(), step + r.out() + r.err());
    }
    CliRun skip =
        run("skip", "--step", "fail2ban", "--kind", "DONE_ELSEWHERE", "--reason", "CrowdSec runs");
    assertEquals(0, skip.code(), skip.err());
    // The planted config.yaml api_key is a literal secret: step 7 says so and has no fix for it.
    CliRun dir = run("apply", "--step", "hermes-dir", "--yes");
    assertEquals(3, dir.code(), dir.out());
    assertTrue(dir.out().contains("model.api_key"), "the check names the key, not the value");
    ok(run("skip", "--step", "hermes-dir", "--kind", "LATER", "--reason", "move api_key to .env"));
    for (String step : List.of("docker", "approvals")) {
      run("plan", "--step", step);
      CliRun r = run("apply", "--step", step, "--yes");
      assertEquals(0, r.code(), step + r.out() + r.err());
    }
    run("audit");
    run("audit", "--json");
    List<Path> outputs = new ArrayList<>();
    for (String format : List.of("md", "json", "html")) {
      Path out = home.resolve("report." + format);
      CliRun r = run("report", "--format", format, "-o", out.toString());
      assertEquals(0, r.code(), r.err());
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
      outputs.add(out);
    }
    assertEquals(0, run("report").code(), "default location works too");
    Path answers = home.resolve("answers.yaml");
    assertEquals(0, run("answers", "export", "-o", answers.toString()).code());
    outputs.add(answers);
    outputs.add(state.resolve("state.json"));
    try (Stream<Path> s = Files.list(state.resolve("reports"))) {
      outputs.addAll(s.toList());
    }

    // The key the wizard generated for Hermes' API server is a secret too.
    Map<String, SimFile> disk =
        JSON.readValue(state.resolve("practice-vps.json").toFile(), new TypeReference<>() {});
    String envAfter = disk.get(ENV).content();
    String apiKey = envAfter.replaceAll("(?s).*\nAPI_SERVER_KEY=(\\S+).*", "$1");
    assertTrue(apiKey.length() >= 32 && !apiKey.contains("\n"), "a generated key: " + apiKey);
    Map<String, String> secrets = new LinkedHashMap<>(CANARIES);
    secrets.put("generated-api-key", apiKey);

    for (var canary : secrets.entrySet()) {
      for (CliRun r : runs) {
        assertFalse(
            r.out().contains(canary.getValue()), canary.getKey() + " in stdout:\n" + r.out());
        assertFalse(
            r.err().contains(canary.getValue()), canary.getKey() + " in stderr:\n" + r.err());
      }
      for (Path p : outputs) {
        assertFalse(Files.readString(p).contains(canary.getValue()), canary.getKey() + " in " + p);
      }
      for (var f : disk.entrySet()) {
        boolean planted = List.of(ENV, CONFIG, AUTH, COMPOSE).contains(f.getKey());
        boolean backup = f.getKey().startsWith("/var/lib/hermes-harden/backups/");
        if (!planted && !backup && f.getValue().content() != null) {
          assertFalse(
              f.getValue().content().contains(canary.getValue()),
              canary.getKey() + " copied to " + f.getKey() + " on the practice VPS");
        }
      }
    }
    if (System.getProperty("canary.keep") != null) {
      for (Path p : outputs) {
        Files.copy(
            p,
            Path.of(System.getProperty("canary.keep")).resolve(p.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    JsonNode json = JSON.readTree(outputs.get(1).toFile());
    assertEquals(1, json.get("version").asInt());
    assertTrue(Files.readString(outputs.get(0)).contains("[REDACTED]"), "something was redacted");
  }
}
