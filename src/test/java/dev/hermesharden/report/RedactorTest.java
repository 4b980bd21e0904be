package dev.hermesharden.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.fixes.Plan;
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
  void explicitValuesAreMaskedWherever() {
    Redactor withEnv =
        r.withValues(Redactor.envValues("LABEL=canaryPlain123\nDEBUG=true\nHOST=0.0.0.0\n"));
    assertEquals("see [REDACTED] here", withEnv.redact("see canaryPlain123 here"));
    assertEquals("true 0.0.0.0", withEnv.redact("true 0.0.0.0"), "plain values are not secrets");
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
            Optional.of("API_SERVER_KEY=changeme\nAPI_SERVER_HOST=0.0.0.0\n"),
            "API_SERVER_KEY=Zq9newGeneratedKey0123456789abcdefABCDEF0123456789\nAPI_SERVER_HOST=127.0.0.1\n",
            FileAttrs.KEEP);
    String shown = r.redact(new Plan("approvals.env", List.of(w)).render());
    assertFalse(shown.contains("Zq9newGeneratedKey"), shown);
    assertFalse(shown.contains("changeme"), shown);
    assertTrue(shown.contains("+API_SERVER_KEY=[REDACTED]"), shown);
    assertTrue(shown.contains("+API_SERVER_HOST=127.0.0.1"), "non-secret settings stay visible");
    assertTrue(w.after().contains("Zq9newGeneratedKey"), "only the display is redacted");
  }
}
