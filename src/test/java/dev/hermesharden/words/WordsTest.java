package dev.hermesharden.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Engine values in words: no line says the same thing twice, no id stands in a sentence. */
class WordsTest {
  private final Messages en = Messages.english();
  private final List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), en);
  private final Words w = new Words(en, new Glyphs(false), steps);

  WordsTest() throws Exception {}

  @Test
  void aPassingCheckSaysWhatWasCheckedOnceNotTwice() {
    StepDefinition users = steps.get(0);
    CheckResult pass =
        new CheckResult(
            "users.service-user-no-password",
            Status.PASS,
            Reason.of("reason.users.service-no-password", "hermes"),
            Map.of());
    assertEquals("✔ ok: The service account has no usable password", w.checkLine(users, pass));
    CheckResult fail =
        new CheckResult(
            "users.admin-sudo",
            Status.FAIL,
            Reason.of("reason.users.admin-not-sudo", "admin", "sudo"),
            Map.of());
    assertEquals(
        "✘ FAIL: The admin account is in group sudo — "
            + en.get("reason.users.admin-not-sudo", "admin", "sudo"),
        w.checkLine(users, fail));
  }

  @Test
  void stepIdsAndProofKindsInASentenceAreShownByTheirNames() {
    Messages de = Messages.forLanguage("de");
    Words german = new Words(de, new Glyphs(false), steps);
    String locked = german.reason(Reason.of("engine.transition.locked", "sshd", "private-path"));
    assertEquals(de.get("engine.transition.locked", "5 sshd", "3 Privater Weg"), locked);
    String absent = german.reason(Reason.of("guard.missing.absent", "key-login", "admin"));
    assertEquals("Für admin gibt es noch keinen Nachweis (Schlüssel-Anmeldung).", absent);
  }
}
