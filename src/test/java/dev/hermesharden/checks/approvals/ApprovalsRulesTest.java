package dev.hermesharden.checks.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalsRulesTest {
  private static final String HOME = "/opt/hermes/data";
  private static final String HARD_CONFIG = Fixtures.hermes("config-hardened.yaml");
  private static final String HARD_ENV = Fixtures.hermes("env-hardened.env");
  private static final String TYPICAL_ENV = Fixtures.hermes("env-typical.env");
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  private static Verdict eval(ApprovalsCheck.Rule rule, String config, String env) {
    return eval(rule, config, env, Params.NONE);
  }

  private static Verdict eval(ApprovalsCheck.Rule rule, String config, String env, Params p) {
    return new ApprovalsCheck(rule).evaluate(ApprovalsFacts.of(HOME, config, env), p, CTX);
  }

  private static final List<ApprovalsCheck.Rule> ALL =
      List.of(
          ConfigRules::mode,
          ConfigRules::cronMode,
          ConfigRules::redactSecrets,
          ConfigRules::websiteBlocklist,
          ConfigRules::privateUrls,
          ConfigRules::terminalBackend,
          ConfigRules::dockerForwardEnv,
          ConfigRules::containerLimits,
          EnvRules::yolo,
          EnvRules::openAccess,
          EnvRules::apiKey,
          EnvRules::apiHost,
          EnvRules::apiCors);

  @Test
  void aHardenedSetupPassesEveryCheck() {
    for (ApprovalsCheck.Rule r : ALL) {
      Verdict v = eval(r, HARD_CONFIG, HARD_ENV);
      assertEquals(Status.PASS, v.status(), v.reason().key());
    }
  }

  @Test
  void modeOffIsYolo() {
    Verdict v = eval(ConfigRules::mode, Fixtures.hermes("config-mode-off.yaml"), "");
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.approvals.mode-off", v.reason().key());
    assertEquals("off", v.details().get("approvals.mode"));
  }

  @Test
  void modeSmartLetsAModelDecideAndListsTheAllowlistSize() {
    Verdict v = eval(ConfigRules::mode, Fixtures.hermes("config-large.yaml"), "");
    assertEquals("reason.approvals.mode-smart", v.reason().key());
    assertEquals("3", v.details().get("command_allowlist"));
    assertEquals(
        "reason.approvals.mode-default",
        eval(ConfigRules::mode, null, null).reason().key(),
        "absent file = Hermes' default, smart");
  }

  @Test
  void theLargeFileFailsEveryConfigRule() {
    String large = Fixtures.hermes("config-large.yaml");
    for (ApprovalsCheck.Rule r :
        List.<ApprovalsCheck.Rule>of(
            ConfigRules::cronMode,
            ConfigRules::redactSecrets,
            ConfigRules::websiteBlocklist,
            ConfigRules::privateUrls,
            ConfigRules::terminalBackend,
            ConfigRules::dockerForwardEnv)) {
      assertEquals(Status.FAIL, eval(r, large, "").status());
    }
    Verdict limits =
        eval(ConfigRules::containerLimits, large, "", new Params(Map.of("max-cpu", "2")));
    assertEquals("reason.approvals.limits-cpu", limits.reason().key());
    assertEquals(List.of("4", "2"), limits.reason().args());
    assertEquals(
        Status.PASS,
        eval(ConfigRules::containerLimits, large, "", new Params(Map.of("max-cpu", "4"))).status());
  }

  @Test
  void anUnsetCronModeIsHermesDefaultDeny() {
    Verdict v = eval(ConfigRules::cronMode, "approvals:\n  mode: manual\n", "");
    assertEquals(Status.PASS, v.status());
    assertEquals("reason.approvals.cron-default", v.reason().key());
  }

  @Test
  void zeroMemoryMeansNoLimit() {
    Verdict v = eval(ConfigRules::containerLimits, "terminal:\n  container_memory: 0\n", "");
    assertEquals("reason.approvals.limits-memory", v.reason().key());
  }

  @Test
  void privateUrlsFromTheEnvironmentCount() {
    Verdict v = eval(ConfigRules::privateUrls, HARD_CONFIG, "HERMES_ALLOW_PRIVATE_URLS=true\n");
    assertEquals(Status.FAIL, v.status());
  }

  /**
   * What the agent may write into its own {@code .env} to turn YOLO on or open access while the
   * audit reads it off: python-dotenv 1.2 (what Hermes' {@code load_hermes_dotenv} calls, with
   * {@code override=True}) expands {@code ${VAR}} and {@code ${VAR:-default}}, reads a
   * single-quoted key, and ends a line at a lone CR. Each gave PASS; python-dotenv reads each as on
   * (tried with {@code dotenv_values}).
   */
  @Test
  void dotenvWaysToHideYoloAreNoPass() {
    for (String env :
        List.of(
            "ON=1\nHERMES_YOLO_MODE=${ON}\n",
            "ON=1\nHERMES_YOLO_MODE=\"${ON}\"\n",
            "HERMES_YOLO_MODE=${UNSET_HH:-1}\n",
            "'HERMES_YOLO_MODE'=1\n",
            "export 'HERMES_YOLO_MODE'=true\n",
            "X=0\rHERMES_YOLO_MODE=1\n")) {
      assertEquals(
          Status.FAIL, eval(EnvRules::yolo, HARD_CONFIG, env).status(), env.replace("\r", "\\r"));
    }
    assertEquals(
        Status.FAIL,
        eval(EnvRules::openAccess, HARD_CONFIG, "T=true\nTELEGRAM_ALLOW_ALL_USERS=${T}\n")
            .status());
    // what python-dotenv leaves alone stays off: $VAR without braces, a variable set later
    for (String env :
        List.of(
            "ON=1\nHERMES_YOLO_MODE=$ON\n",
            "HERMES_YOLO_MODE=${ON}\nON=1\n",
            "A=\nHERMES_YOLO_MODE=${A:-1}\n")) {
      assertEquals(Status.PASS, eval(EnvRules::yolo, HARD_CONFIG, env).status(), env);
    }
  }

  /**
   * Hermes' {@code load_config} expands {@code ${VAR}} and {@code ${env:VAR}} in every string value
   * of config.yaml from its environment (after {@code .env} is loaded; an unset name stays as
   * written): {@code mode: ${MODE}} with {@code MODE=off} in the agent's {@code .env} is YOLO. The
   * check read the text {@code ${MODE}}, which Hermes would call "manual", and passed.
   */
  @Test
  void configValuesFromTheEnvironmentAreReadAsHermesExpandsThem() {
    String mode = HARD_CONFIG.replace("mode: manual ", "mode: ${MODE}");
    assertEquals(Status.FAIL, eval(ConfigRules::mode, mode, "MODE=off\n").status());
    String envRef = HARD_CONFIG.replace("mode: manual ", "mode: \"${env:MODE}\"");
    assertEquals(Status.FAIL, eval(ConfigRules::mode, envRef, "MODE=off\n").status());
    String backend = HARD_CONFIG.replace("backend: \"docker\"", "backend: ${B}");
    assertEquals(Status.FAIL, eval(ConfigRules::terminalBackend, backend, "B=local\n").status());
    String urls = HARD_CONFIG.replace("allow_private_urls: false", "allow_private_urls: ${P}");
    assertEquals(Status.FAIL, eval(ConfigRules::privateUrls, urls, "P=true\n").status());
    // what Hermes leaves as written: an unset name, another secret source
    assertEquals(Status.PASS, eval(ConfigRules::mode, mode, "OTHER=off\n").status());
    String vault = HARD_CONFIG.replace("mode: manual ", "mode: ${vault:MODE}");
    assertEquals(Status.PASS, eval(ConfigRules::mode, vault, "MODE=off\n").status());
  }

  /**
   * Hermes' managed scope ({@code hermes_cli/managed_scope.py}) overlays {@code
   * $HERMES_MANAGED_DIR/config.yaml} on config.yaml, leaf by leaf, and its {@code .env} last; the
   * directory comes from Hermes' environment after {@code .env} is loaded. The agent's {@code .env}
   * could point it at a directory of its own with {@code approvals: {mode: off}} while the audit
   * read only HERMES_HOME's config.yaml and passed.
   */
  @Test
  void aManagedScopeDirectoryNamedInTheEnvironmentIsNoPass() {
    Verdict v = eval(ConfigRules::mode, HARD_CONFIG, "HERMES_MANAGED_DIR=/home/hermes/m\n");
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.approvals.managed-dir", v.reason().key());
    assertEquals(
        Status.PASS, eval(ConfigRules::mode, HARD_CONFIG, "HERMES_MANAGED_DIR=\n").status());
  }

  @Test
  void yoloModeInEnv() {
    assertEquals(Status.FAIL, eval(EnvRules::yolo, HARD_CONFIG, "HERMES_YOLO_MODE=1\n").status());
    assertEquals(
        Status.PASS, eval(EnvRules::yolo, HARD_CONFIG, "HERMES_YOLO_MODE=false\n").status());
    assertEquals(Status.PASS, eval(EnvRules::yolo, HARD_CONFIG, "# HERMES_YOLO_MODE=1\n").status());
  }

  @Test
  void allowedUsersStarAndAllowAllAreOpenAccess() {
    Verdict v = eval(EnvRules::openAccess, HARD_CONFIG, TYPICAL_ENV);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("SLACK_ALLOWED_USERS"), v.reason().args(), "false switches are fine");
    v =
        eval(
            EnvRules::openAccess,
            HARD_CONFIG,
            "GATEWAY_ALLOW_ALL_USERS=true\nDISCORD_ALLOW_ALL_USERS=yes\n");
    assertEquals(List.of("GATEWAY_ALLOW_ALL_USERS, DISCORD_ALLOW_ALL_USERS"), v.reason().args());
  }

  @Test
  void aPlaceholderApiKeyFailsWithoutShowingIt() {
    Verdict v = eval(EnvRules::apiKey, HARD_CONFIG, TYPICAL_ENV);
    assertEquals("reason.approvals.api-key-placeholder", v.reason().key());
    assertNoSecret(v, "changeme");
    v = eval(EnvRules::apiKey, HARD_CONFIG, "API_SERVER_KEY=Zq8Lr2Wm5Tx9\n");
    assertEquals("reason.approvals.api-key-short", v.reason().key());
    assertEquals(List.of("12", "32"), v.reason().args());
    assertNoSecret(v, "Zq8Lr2Wm5Tx9");
  }

  @Test
  void aMissingKeyFailsWhenTheApiIsOn() {
    assertEquals(
        "reason.approvals.api-key-missing", eval(EnvRules::apiKey, HARD_CONFIG, "").reason().key());
  }

  @Test
  void apiChecksDoNotApplyWhenTheApiIsOff() {
    String off = "platforms:\n  api_server:\n    enabled: false\n";
    for (ApprovalsCheck.Rule r :
        List.<ApprovalsCheck.Rule>of(EnvRules::apiKey, EnvRules::apiHost, EnvRules::apiCors)) {
      Verdict v = eval(r, off, "API_SERVER_HOST=0.0.0.0\n");
      assertEquals(Status.NOT_APPLICABLE, v.status());
    }
  }

  @Test
  void aKeyAloneTurnsTheApiOn() {
    assertTrue(
        EnvRules.apiOn(
            dev.hermesharden.system.hermes.HermesSettings.of(
                dev.hermesharden.system.hermes.HermesConfig.empty(),
                dev.hermesharden.system.hermes.DotEnv.parse("API_SERVER_KEY=x\n"))));
  }

  @Test
  void envOverridesConfig() {
    // config says 0.0.0.0 and *, the env says loopback and one origin: env wins
    assertEquals(Status.PASS, eval(EnvRules::apiHost, HARD_CONFIG, HARD_ENV).status());
    assertEquals(Status.PASS, eval(EnvRules::apiCors, HARD_CONFIG, HARD_ENV).status());
    // without env the config's values apply
    assertEquals(
        "reason.approvals.api-host-open", eval(EnvRules::apiHost, HARD_CONFIG, "").reason().key());
    assertEquals(
        "reason.approvals.cors-any", eval(EnvRules::apiCors, HARD_CONFIG, "").reason().key());
    // config enables it; API_SERVER_ENABLED=false only fails to enable, it never disables
    // (gateway/config.py _apply_env_overrides), and without a key in the env extra.host stays
    String cfgOn =
        "platforms:\n  api_server:\n    enabled: true\n    extra:\n      host: 0.0.0.0\n";
    assertEquals(
        "reason.approvals.api-host-open",
        eval(EnvRules::apiHost, cfgOn, "API_SERVER_ENABLED=false\nAPI_SERVER_HOST=127.0.0.1\n")
            .reason()
            .key());
    // the typical env: enabled=false then enabled=true, the last wins; 0.0.0.0 is open
    Verdict v = eval(EnvRules::apiHost, "", TYPICAL_ENV);
    assertEquals("reason.approvals.api-host-open", v.reason().key());
  }

  @Test
  void unsetHostIsTheLoopbackDefault() {
    Verdict v = eval(EnvRules::apiHost, "", "API_SERVER_ENABLED=true\n");
    assertEquals(Status.PASS, v.status());
    assertEquals(
        Status.PASS,
        eval(EnvRules::apiHost, "", "API_SERVER_ENABLED=1\nAPI_SERVER_HOST=::1\n").status());
  }

  @Test
  void noHomeIsAnErrorNamingWhereWeLooked() {
    ApprovalsFacts none =
        new ApprovalsFacts(
            Optional.empty(),
            List.of("/opt/hermes/data", "/home/hermes/.hermes"),
            Optional.empty(),
            Optional.empty());
    Verdict v = new ApprovalsCheck(ConfigRules::mode).evaluate(none, Params.NONE, CTX);
    assertEquals(Status.ERROR, v.status());
    assertEquals(List.of("/opt/hermes/data, /home/hermes/.hermes"), v.reason().args());
  }

  @Test
  void brokenYamlIsAnError() {
    Verdict v = eval(ConfigRules::mode, "approvals: [\n", "");
    assertEquals(Status.ERROR, v.status());
    assertEquals("reason.approvals.config-invalid", v.reason().key());
  }

  @Test
  void noVerdictCarriesASecretValue() {
    for (ApprovalsCheck.Rule r : ALL) {
      for (String env : List.of(TYPICAL_ENV, HARD_ENV)) {
        Verdict v = eval(r, HARD_CONFIG, env);
        assertNoSecret(v, "sk-or-v1-5d2e8f0a9b7c");
        assertNoSecret(v, "AAH3k9xQvLzT0pW2mN8rYbC5dE6fG7hJ1kL");
        assertNoSecret(v, "Vx3kP9qLm2ZtR7wYb4NcF8hJd6GsA1eUo5iKy0TnWq_Xr-MvBz");
        assertNoSecret(v, "changeme");
      }
    }
  }

  @Test
  void placeholdersAndRandomKeys() {
    assertTrue(EnvRules.placeholder("changeme-changeme-changeme-changeme"));
    assertTrue(EnvRules.placeholder("your_api_key_here_please_replace_it"));
    assertTrue(EnvRules.placeholder("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    assertFalse(EnvRules.placeholder("Vx3kP9qLm2ZtR7wYb4NcF8hJd6GsA1eUo5iKy0TnWq_Xr-MvBz"));
    assertFalse(
        EnvRules.placeholder("Vx3kP9qLm2ZtestYb4NcF8hJd6GsA1eUo5iKy0TnWq_Xr-MvBz"),
        "random with a word in it");
  }

  private static void assertNoSecret(Verdict v, String secret) {
    assertFalse(
        v.reason().args().stream().anyMatch(a -> a.contains(secret)), "reason args leak " + secret);
    assertFalse(
        v.details().values().stream().anyMatch(a -> a.contains(secret)), "details leak " + secret);
  }
}
