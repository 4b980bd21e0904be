package dev.hermesharden.fixes.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.approvals.EnvRules;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalsFixesTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  @Test
  void paramsChooseTheValues() {
    HermesConfig weak = HermesConfig.parse("approvals:\n  mode: off\n");
    Map<String, Object> w =
        ApprovalsConfigFix.wanted(
            weak, new Params(Map.of("container_cpu", "1.5", "mode", "manual")));
    assertEquals("manual", w.get("approvals.mode"));
    assertEquals(null, w.get("terminal.container_cpu"), "the default of 1 CPU is within the limit");
    w =
        ApprovalsConfigFix.wanted(
            HermesConfig.parse("terminal:\n  container_cpu: 16\n"),
            new Params(Map.of("container_cpu", "1.5")));
    assertEquals(1.5, w.get("terminal.container_cpu"));
  }

  @Test
  void theLegacyPrivateUrlsKeyHermesStillReadsIsSwitchedOff() {
    Map<String, Object> w =
        ApprovalsConfigFix.wanted(
            HermesConfig.parse("browser:\n  allow_private_urls: true\n"), Params.NONE);
    assertEquals(false, w.get("browser.allow_private_urls"), w.toString());
    assertFalse(w.containsKey("security.allow_private_urls"), "security's is already off");
  }

  @Test
  void aRedactValueHermesBridgesAsOffIsRewritten() {
    Map<String, Object> w =
        ApprovalsConfigFix.wanted(
            HermesConfig.parse("security:\n  redact_secrets: \" true\"\n"), Params.NONE);
    assertEquals(true, w.get("security.redact_secrets"), "str(' true').lower() is off");
  }

  @Test
  void aQuotedBlocklistSwitchHermesRefusesBecomesABoolean() throws Exception {
    String text = "security:\n  website_blocklist:\n    enabled: \"true\"\n";
    Map<String, Object> w = ApprovalsConfigFix.wanted(HermesConfig.parse(text), Params.NONE);
    assertEquals(true, w.get("security.website_blocklist.enabled"), w.toString());
    String after =
        dev.hermesharden.system.hermes.HermesConfigEditor.set(
            text, "security.website_blocklist.enabled", true);
    assertTrue(HermesConfig.parse(after).websiteBlocklistEnabled(), after);
  }

  @Test
  void aFlowMappingIsRefusedNotRewritten() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.writeFile("/opt/hermes/data/config.yaml", "approvals: {mode: off}\n", FileAttrs.KEEP);
    BadInputException e =
        assertThrows(
            BadInputException.class, () -> new ApprovalsConfigFix().plan(host, Params.NONE, CTX));
    assertEquals("/opt/hermes/data/config.yaml: approvals.mode", e.where());
    assertEquals("reason.input.edit-refused", e.key());
    assertTrue(e.args().get(0).toString().contains("flow mapping"), e.getMessage());
  }

  @Test
  void noHermesHomeFailsPlanningSayingWhereItLooked() {
    SimulatedHost host = SimulatedHost.fresh();
    host.fs().delete("/opt/hermes/data");
    HostException e =
        assertThrows(HostException.class, () -> new ApprovalsEnvFix().plan(host, Params.NONE, CTX));
    assertEquals(HostException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("/home/hermes/.hermes"), e.getMessage());
  }

  @Test
  void theEnvEditKeepsCrlfAndTheFileOwnerAndMode() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    String env =
        "API_SERVER_ENABLED=true\r\nAPI_SERVER_HOST=0.0.0.0\r\nSLACK_ALLOWED_USERS=U1, *\r\nHERMES_YOLO_MODE=0";
    host.writeFile("/opt/hermes/data/.env", env, FileAttrs.KEEP);
    Plan p = new ApprovalsEnvFix().plan(host, Params.NONE, CTX);
    WriteFile w = (WriteFile) p.actions().get(0);
    assertEquals(FileAttrs.KEEP, w.attrs());
    // Hermes runs in a bridge container on the practice VPS: its 0.0.0.0 is inside the container
    assertEquals(
        "API_SERVER_ENABLED=true\r\nAPI_SERVER_HOST=0.0.0.0\r\n# hermes-harden: SLACK_ALLOWED_USERS=U1, *\r\nHERMES_YOLO_MODE=0",
        w.after());
  }

  @Test
  void theFixBreakingHermesInABridgeContainerIsGoneButNativeHermesStillGetsLoopback() {
    String env = "API_SERVER_ENABLED=true\nAPI_SERVER_HOST=0.0.0.0\n";
    ApprovalsEnvFix fix = new ApprovalsEnvFix(() -> "unused");
    assertEquals(
        "API_SERVER_ENABLED=true\nAPI_SERVER_HOST=127.0.0.1\n",
        fix.edit(env, HermesConfig.empty(), false),
        "native: the bind is on the host's interfaces");
  }

  @Test
  void aYoloSwitchInTheContainersEnvironmentIsSwitchedOffInDotEnvWhichWins() {
    String out =
        new ApprovalsEnvFix(() -> "unused")
            .edit(
                "A=1\n",
                HermesConfig.empty(),
                java.util.Map.of("HERMES_YOLO_MODE", "1"),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                false);
    assertEquals("A=1\nHERMES_YOLO_MODE=false\n", out);
  }

  /**
   * {@code HERMES_REDACT_SECRETS=false} in {@code .env} (or the container's environment) beats
   * {@code security.redact_secrets}: the config fix alone left the check failing after the apply.
   */
  @Test
  void aRedactSwitchThatIsNotOnIsCommentedOutOrOverriddenInDotEnv() {
    ApprovalsEnvFix fix = new ApprovalsEnvFix(() -> "unused");
    String own =
        fix.edit(
            "A=1\nHERMES_REDACT_SECRETS=false\n",
            HermesConfig.empty(),
            java.util.Map.of(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            false);
    assertEquals("A=1\n# hermes-harden: HERMES_REDACT_SECRETS=false\n", own);
    java.util.Map<String, String> container = java.util.Map.of("HERMES_REDACT_SECRETS", "0");
    String out =
        fix.edit(
            "A=1\n",
            HermesConfig.empty(),
            container,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            false);
    assertEquals(
        true,
        HermesSettings.of(HermesConfig.empty(), DotEnv.parse(out), container).redactEnvOn(),
        out);
    assertEquals("A=1\n", fix.edit("A=1\n", HermesConfig.empty(), false), "nothing to do");
  }

  /**
   * YOLO hidden behind ${VAR}, a quoted key or a lone CR: the fix switches off what Hermes reads.
   */
  @Test
  void yoloHiddenFromTheOldParserIsSwitchedOff() {
    for (String env :
        java.util.List.of(
            "ON=1\nHERMES_YOLO_MODE=${ON}\n",
            "'HERMES_YOLO_MODE'=1\n",
            "X=0\rHERMES_YOLO_MODE=1\n",
            "HERMES_YOLO_MODE=${YOLO}\n")) {
      java.util.Map<String, String> container = java.util.Map.of("YOLO", "1");
      String out =
          new ApprovalsEnvFix(() -> "unused")
              .edit(
                  env,
                  HermesConfig.empty(),
                  container,
                  java.util.Optional.empty(),
                  java.util.Optional.empty(),
                  false);
      HermesSettings after = HermesSettings.of(HermesConfig.empty(), DotEnv.parse(out), container);
      assertEquals(false, after.yolo(), env + " -> " + out);
    }
  }

  /** A ${VAR} value is Hermes' environment's to decide: the fix writes the literal it wants. */
  @Test
  void configValuesTakenFromTheEnvironmentAreWrittenOut() {
    HermesConfig c =
        HermesConfig.parse(
            "approvals:\n  mode: manual\nsecurity:\n  allow_private_urls: ${P}\n"
                + "  redact_secrets: \"${env:R}\"\n");
    Map<String, Object> wanted = ApprovalsConfigFix.wanted(c, Params.NONE);
    assertEquals(false, wanted.get("security.allow_private_urls"), wanted.toString());
    assertEquals(true, wanted.get("security.redact_secrets"), wanted.toString());
    assertTrue(!wanted.containsKey("approvals.mode"), wanted.toString());
  }

  @Test
  void theAgentsManagedScopeDirectoryIsCommentedOut() {
    String out =
        new ApprovalsEnvFix(() -> "unused")
            .edit(
                "HERMES_MANAGED_DIR=/home/hermes/m\n",
                HermesConfig.empty(),
                Map.of(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                false);
    assertEquals("# hermes-harden: HERMES_MANAGED_DIR=/home/hermes/m\n", out);
  }

  @Test
  void corsStarFromConfigIsNotHiddenByAnEmptyEnvValue() {
    HermesConfig c =
        HermesConfig.parse(
            "platforms:\n  api_server:\n    enabled: true\n    extra:\n      cors_origins: \"*\"\n");
    String out = new ApprovalsEnvFix(() -> "unused").edit("A=1\n", c, false);
    assertEquals("A=1\n", out, "an empty API_SERVER_CORS_ORIGINS is ignored by Hermes");
  }

  @Test
  void generatedKeysAre48RandomBase64UrlCharacters() {
    String a = ApprovalsEnvFix.randomKey();
    String b = ApprovalsEnvFix.randomKey();
    assertTrue(a.matches("[A-Za-z0-9_-]{48}"), a.length() + " chars");
    assertTrue(!a.equals(b));
    assertTrue(!EnvRules.placeholder(a));
  }
}
