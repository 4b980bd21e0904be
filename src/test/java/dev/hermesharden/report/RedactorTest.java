package dev.hermesharden.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.UnifiedDiff;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the redactor hides, and what it must leave alone (ids, fingerprints, references). */
class RedactorTest {
  private final Redactor r = Redactor.patterns();

  @Test
  void envStyleSecretsAreMasked() {
    assertEquals("OPENROUTER_API_KEY=[REDACTED]", r.redact("OPENROUTER_API_KEY=abc123xyz"));
    assertEquals("export GH_TOKEN=\"[REDACTED]\"", r.redact("export GH_TOKEN=\"hunter22\""));
    assertEquals("  - DB_PASSWORD=[REDACTED]", r.redact("  - DB_PASSWORD=s3cr3t!"));
    assertEquals("CLIENT_SECRET: [REDACTED]", r.redact("CLIENT_SECRET: zzzzzzzz"));
  }

  @Test
  void yamlAndJsonSecretsAreMaskedAndJsonStaysValid() {
    assertEquals("  api_key: [REDACTED]", r.redact("  api_key: plainvalue"));
    assertEquals(
        "{\"access_token\": \"[REDACTED]\", \"expires\": 5}",
        r.redact("{\"access_token\": \"tok-123456\", \"expires\": 5}"));
    assertEquals("{\"api_key\": null}", r.redact("{\"api_key\": null}"));
    assertEquals(
        "\"diff\": \"  token: \\\"[REDACTED]\\\"\\n\"",
        r.redact("\"diff\": \"  token: \\\"abcdefgh\\\"\\n\""));
  }

  @Test
  void tokenShapesAndKeyBlocksAreMasked() {
    assertEquals("use [REDACTED] now", r.redact("use sk-ant-api03-abcdefghijklmnop1234 now"));
    assertEquals(
        "Authorization: Bearer [REDACTED]", r.redact("Authorization: Bearer abc.def.ghijkl"));
    assertEquals("[REDACTED]", r.redact("7312345678:AAH3k9xQvLzT0pW2mN8rYbC5dE6fG7hJ1kL"));
    String pem =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\n-----END OPENSSH PRIVATE KEY-----";
    assertEquals(
        "key: [REDACTED]", r.redact("key: " + pem).replace("key: [REDACTED]", "key: [REDACTED]"));
    assertFalse(r.redact(pem).contains("b3BlbnNz"));
  }

  @Test
  void tokenLikeSecretsOfSecretNamedEnvKeysAreMaskedInFreeText() {
    Redactor withEnv =
        r.withSecrets(
            EnvSecrets.literals(
                "LABEL=canaryPlain123\nSOME_KEY=Zq9canaryKey0123abcd\nDEBUG=true\nHOST=0.0.0.0\n"));
    assertEquals("see [REDACTED] here", withEnv.redact("see Zq9canaryKey0123abcd here"));
    assertEquals(
        "canaryPlain123", withEnv.redact("canaryPlain123"), "an innocent name makes no literal");
    assertEquals(
        "x/Zq9canaryKey0123abcd/y",
        withEnv.redact("x/Zq9canaryKey0123abcd/y"),
        "a literal never masks part of a longer token or path");
  }

  @Test
  void noWordPathOrCommandCanBecomeALiteral() {
    for (String v :
        List.of(
            "/etc/shadow",
            "PermitRootLogin yes",
            "PasswordAuthentication",
            "--disabled-password",
            "/opt/hermes/data/.env",
            "50-cloud-init.conf",
            "fd7a:115c:a1e0::1234",
            "docker-compose.yml")) {
      assertFalse(EnvSecrets.tokenLike(v), v);
      assertEquals(v, r.withSecrets(List.of(v)).redact(v), v);
    }
  }

  @Test
  void idsFingerprintsAndReferencesStay() {
    for (String keep :
        List.of(
            "key SHA256:zWDM2h8qzSDm8yIasQ1f8RILa4ui/p7pJ3eF32YL/Go",
            "\"reason_code\": \"reason.ssh-keys.ok\"",
            "`ssh-keys.public-key`: \"ssh-ed25519 AAAAC3 admin@laptop\"",
            "api_key: ${OPENROUTER_API_KEY}",
            "\"key_fingerprint\": \"SHA256:abc\"",
            "- OPENROUTER_API_KEY=${OPENROUTER_API_KEY}")) {
      assertEquals(keep, r.redact(keep));
    }
  }

  @Test
  void theShownPlanOfAnEnvEditHidesValuesButTheFileIsUntouched() {
    WriteFile w =
        new WriteFile(
            "/opt/hermes/data/.env",
            Optional.of("API_SERVER_KEY=changeme\nAPI_SERVER_HOST=0.0.0.0\nLABEL=canaryPlain123\n"),
            "API_SERVER_KEY=Zq9newGeneratedKey0123456789abcdefABCDEF0123456789\n"
                + "API_SERVER_HOST=127.0.0.1\nLABEL=canaryPlain123\n",
            FileAttrs.KEEP);
    String shown = Redactor.shown(new Plan("approvals.env", List.of(w)));
    assertFalse(shown.contains("Zq9newGeneratedKey"), shown);
    assertFalse(shown.contains("changeme"), shown);
    assertFalse(shown.contains("canaryPlain123"), "every non-plain value of .env: " + shown);
    assertTrue(shown.contains("+API_SERVER_KEY=[REDACTED]"), shown);
    assertTrue(shown.contains("+API_SERVER_HOST=127.0.0.1"), "non-secret settings stay visible");
    assertTrue(shown.contains(" LABEL=[REDACTED]"), shown);
    assertTrue(w.after().contains("Zq9newGeneratedKey"), "only the display is redacted");
  }

  @Test
  void envValuesInTheEnvDiffKeepQuotesCommentsAndCommentedOutKeys() {
    assertEquals("KEY=\"[REDACTED]\"  # note", EnvSecrets.maskValue("KEY=\"a b c\"  # note"));
    assertEquals("export K=[REDACTED] # x", EnvSecrets.maskValue("export K=abcdef # x"));
    assertEquals(
        "# hermes-harden: OPENAI_API_KEY=[REDACTED]",
        EnvSecrets.maskValue("# hermes-harden: OPENAI_API_KEY=sk-abc"));
    for (String plain :
        List.of(
            "# TELEGRAM_ALLOWED_USERS=                  # Comma-separated user IDs",
            "API_SERVER_HOST=127.0.0.1",
            "HERMES_YOLO_MODE=true",
            "API_SERVER_CORS_ORIGINS=",
            "GATEWAY_ALLOWED_USERS=123,*",
            "OPENAI_API_KEY=${VAULT_KEY}",
            "# a comment, no assignment")) {
      assertEquals(plain, EnvSecrets.maskValue(plain), plain);
    }
  }

  @Test
  void privateKeyLinesInADiffAreMaskedOneByOne() {
    String before = "a: 1\n";
    String after =
        "a: 1\nkey: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  b3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n"
            + "  -----END OPENSSH PRIVATE KEY-----\nb: 2\n";
    String diff = Redactor.diff("/x.yaml", before, after, false);
    assertFalse(diff.contains("b3BlbnNz"), diff);
    assertTrue(diff.contains("+[REDACTED]\n"), diff);
    assertTrue(diff.contains("+b: 2\n"), "the lines after the key are shown: " + diff);
    assertEquals(
        diff.lines().count(), UnifiedDiff.of("/x.yaml", before, after, false).lines().count());
  }
}
