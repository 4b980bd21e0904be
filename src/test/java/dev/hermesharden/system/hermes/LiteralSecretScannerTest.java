package dev.hermesharden.system.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralSecretScannerTest {
  static final String CONFIG =
      """
      model:
        default: "anthropic/claude-opus-4"
        provider: openrouter
        api_key: "sk-or-v1-0123456789abcdef"   # pasted by hand
        max_tokens: 4096
      custom_providers:
        - name: local
          api_key: ${LOCAL_API_KEY}
          key_env: MY_PROXY_API_KEY
          key_cmd: "my-auth-cli print-token"
        - name: ramp
          api_key: "rk-live-abc"
          extra_headers:
            CF-Access-Client-Secret: "${CF_ACCESS_SECRET}"
      terminal:
        sudo_password: "hunter2"
      security:
        redact_secrets: true
      discord:
        bot_token: ""
      telegram:
        token: $TELEGRAM_BOT_TOKEN
      """;

  @Test
  void namesKeyPathsOfLiteralSecretsOnly() {
    assertEquals(
        List.of("model.api_key", "custom_providers[1].api_key", "terminal.sudo_password"),
        LiteralSecretScanner.scan(CONFIG));
  }

  @Test
  void pointerNamesAreNotSecrets() {
    assertFalse(LiteralSecretScanner.looksSecret("key_env"));
    assertFalse(LiteralSecretScanner.looksSecret("key_cmd"));
    assertTrue(LiteralSecretScanner.looksSecret("API_SERVER_KEY"));
    assertTrue(LiteralSecretScanner.looksSecret("client_secret"));
  }

  @Test
  void emptyAndBrokenFiles() {
    assertEquals(List.of(), LiteralSecretScanner.scan(""));
    assertThrows(IllegalArgumentException.class, () -> LiteralSecretScanner.scan("a: [\n"));
  }
}
