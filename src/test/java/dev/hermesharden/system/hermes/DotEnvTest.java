package dev.hermesharden.system.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DotEnvTest {
  private final DotEnv env = DotEnv.parse(Fixtures.hermes("env-typical.env"));

  @Test
  void readsValuesLikePythonDotenv() {
    assertEquals(
        Optional.of("https://api.z.ai/api/paas/v4"),
        env.get("GLM_BASE_URL"),
        "export and inline comment");
    assertEquals(
        Optional.of("7312345678:AAH3k9xQvLzT0pW2mN8rYbC5dE6fG7hJ1kL"),
        env.get("TELEGRAM_BOT_TOKEN"));
    assertEquals(Optional.of("123456789,987654321"), env.get("TELEGRAM_ALLOWED_USERS"));
    assertEquals(Optional.of("-1001234567890"), env.get("TELEGRAM_HOME_CHANNEL"), "single quotes");
    assertEquals(Optional.empty(), env.get("NOVITA_BASE_URL"), "commented out");
    assertEquals(Optional.of(""), env.get("HERMES_YOLO_MODE"));
  }

  @Test
  void theLastAssignmentWins() {
    assertEquals(Optional.of("true"), env.get("API_SERVER_ENABLED"));
    assertEquals(
        2, env.entries().stream().filter(e -> e.key().equals("API_SERVER_ENABLED")).count());
  }

  @Test
  void readsCrlfAndDoubleQuoteEscapes() {
    DotEnv e = DotEnv.parse("A=\"x \\\"y\\\" # not a comment\"\r\nB=plain # comment\r\n");
    assertEquals(Optional.of("x \"y\" # not a comment"), e.get("A"));
    assertEquals(Optional.of("plain"), e.get("B"));
  }

  @Test
  void truthyWords() {
    assertTrue(DotEnv.truthy("TRUE"));
    assertTrue(DotEnv.truthy("1"));
    assertTrue(DotEnv.truthy(" yes "));
    assertFalse(DotEnv.truthy("false"));
    assertFalse(DotEnv.truthy(""));
  }
}
