package dev.hermesharden.system.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link HermesSettings} against cases derived from Hermes' own code (NousResearch/hermes-agent:
 * tools/approval.py {@code _normalize_approval_mode}, {@code _get_cron_approval_mode};
 * hermes_cli/env_loader.py {@code load_hermes_dotenv}; gateway/config.py {@code
 * _apply_env_overrides}; gateway/platforms/api_server.py {@code APIServerAdapter.__init__}). Each
 * row is what Hermes would do with those files, so a wrong precedence here is a wrong verdict.
 */
class HermesSettingsTest {
  private static HermesSettings of(String yaml, String dotenv, Map<String, String> container) {
    return HermesSettings.of(HermesConfig.parse(yaml), DotEnv.parse(dotenv), container);
  }

  @ParameterizedTest(name = "mode: {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "yes|manual", // YAML 1.1 boolean true
        "on|manual",
        "true|manual",
        "off|off", // boolean false: yolo
        "no|off",
        "false|off",
        "\"off\"|off", // the string off
        "manual|manual",
        "MANUAL|manual",
        "smart|smart",
        "\"yes\"|manual", // a string Hermes does not know: manual
        "ask|manual",
        "\"\"|manual", // an empty string
      })
  void approvalsModeIsNormalisedAsHermesDoes(String value, String expected) {
    assertEquals(expected, of("approvals:\n  mode: " + value + "\n", "", Map.of()).approvalsMode());
  }

  @Test
  void aMissingModeTakesHermesDefault() {
    assertEquals(HermesSettings.DEFAULT_MODE, of("approvals: {}\n", "", Map.of()).approvalsMode());
    assertEquals(HermesSettings.DEFAULT_MODE, of("model: x\n", "", Map.of()).approvalsMode());
  }

  @ParameterizedTest(name = "cron_mode: {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "approve|approve",
        "\"off\"|approve", // the string off means approve
        "allow|approve",
        "\"yes\"|approve",
        "deny|deny",
        "off|deny", // bare off is boolean False: str(False) = 'False', not in the list
        "yes|deny", // bare yes is boolean True: 'True'
        "nonsense|deny",
      })
  void cronModeIsReadAsHermesReadsIt(String value, String expected) {
    assertEquals(expected, of("approvals:\n  cron_mode: " + value + "\n", "", Map.of()).cronMode());
  }

  @Test
  void anUnsetCronModeDenies() {
    assertEquals("deny", of("approvals:\n  mode: manual\n", "", Map.of()).cronMode());
  }

  @Test
  void dotEnvBeatsTheContainersEnvironment() {
    HermesSettings s =
        of("", "HERMES_YOLO_MODE=false\n", Map.of("HERMES_YOLO_MODE", "1", "OTHER", "x"));
    assertFalse(s.yolo(), ".env is loaded with override=True");
    assertEquals(".env", s.source("HERMES_YOLO_MODE"));
    assertEquals("container", s.source("OTHER"));
    assertTrue(of("", "", Map.of("HERMES_YOLO_MODE", "true")).yolo(), "the container's own");
  }

  @Test
  void configEnablesTheApiServerAndItsHostStandsWithoutEnableOrKeyInTheEnvironment() {
    HermesSettings.ApiServer a =
        of(
                "platforms:\n  api_server:\n    enabled: true\n    extra:\n      host: 0.0.0.0\n",
                "API_SERVER_HOST=127.0.0.1\n",
                Map.of())
            .apiServer();
    assertTrue(a.enabled());
    assertEquals("config.yaml", a.enabledBy());
    assertEquals("0.0.0.0", a.host(), "env host overrides extra.host only with ENABLED or KEY");
  }

  @Test
  void aKeyInTheEnvironmentEnablesItAndLetsTheEnvironmentsHostWin() {
    HermesSettings.ApiServer a =
        of(
                "platforms:\n  api_server:\n    extra:\n      host: 0.0.0.0\n",
                "API_SERVER_KEY=k-123\nAPI_SERVER_HOST=127.0.0.1\n",
                Map.of())
            .apiServer();
    assertTrue(a.enabled());
    assertEquals("127.0.0.1", a.host());
    assertEquals(".env", a.hostFrom());
  }

  @Test
  void enabledMustBeTrueOneOrYesAndFalseNeverSwitchesConfigOff() {
    assertFalse(of("", "API_SERVER_ENABLED=on\n", Map.of()).apiServer().enabled(), "on: no");
    assertTrue(of("", "API_SERVER_ENABLED=YES\n", Map.of()).apiServer().enabled());
    HermesSettings.ApiServer a =
        of("platforms:\n  api_server:\n    enabled: true\n", "API_SERVER_ENABLED=false\n", Map.of())
            .apiServer();
    assertTrue(a.enabled(), "false in the environment does not disable what config.yaml enabled");
  }

  @Test
  void withoutExtraHostTheAdapterTakesTheEnvironmentThenLoopback() {
    HermesSettings.ApiServer a =
        of(
                "platforms:\n  api_server:\n    enabled: true\n",
                "",
                Map.of("API_SERVER_HOST", "0.0.0.0"))
            .apiServer();
    assertEquals("0.0.0.0", a.host());
    assertEquals("container", a.hostFrom());
    HermesSettings.ApiServer d =
        of("platforms:\n  api_server:\n    enabled: true\n", "", Map.of()).apiServer();
    assertEquals(HermesSettings.DEFAULT_API_HOST, d.host());
    assertEquals(HermesSettings.DEFAULT_API_PORT, d.port());
  }

  @Test
  void topLevelPlatformsWinOverGatewayPlatforms() {
    HermesSettings.ApiServer a =
        of(
                "gateway:\n  platforms:\n    api_server:\n      enabled: true\n      extra:\n"
                    + "        host: 0.0.0.0\n        port: 9000\n"
                    + "platforms:\n  api_server:\n    extra:\n      host: 127.0.0.1\n",
                "",
                Map.of())
            .apiServer();
    assertTrue(a.enabled());
    assertEquals("127.0.0.1", a.host());
    assertEquals(9000, a.port(), "extra merged: the gateway block's port stays");
  }
}
