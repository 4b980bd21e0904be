package dev.hermesharden.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.steps.modules.SshdModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshdStepFileTest {
  @Test
  void stepFileNamesRegisteredIdsAndExistingKeysInBothLanguages() throws Exception {
    String text = Files.readString(Path.of("wizard-steps/05-sshd.yaml"));
    Catalog catalog = Catalog.of(List.of(new SshdModule()));
    StepDefinition step = new StepFileParser("05-sshd.yaml", catalog).parse(text);
    Messages en = Messages.english();
    Messages de = Messages.forLanguage("de");
    assertEquals("sshd", step.id());
    assertEquals(5, step.order());
    assertEquals(12, step.checks().size());
    for (CheckRef c : step.checks()) {
      assertTrue(catalog.check(c).isPresent(), c.id());
      assertTrue(de.keys().contains(c.titleKey()), c.titleKey());
    }
    FixRef fix = step.fixes().get(0);
    assertTrue(catalog.hasFix(fix.id()));
    assertTrue(fix.destructive());
    assertEquals(List.of(EvidenceKind.KEY_LOGIN), fix.requires());
    for (String key :
        List.of(
            step.titleKey(),
            step.teaching().whyKey(),
            step.teaching().breaksKey(),
            step.teaching().undoKey(),
            fix.titleKey())) {
      assertTrue(en.has(key), key);
      assertTrue(de.keys().contains(key), key);
    }
  }

  @Test
  void everySshdReasonKeyHasAGermanText() {
    Messages de = Messages.forLanguage("de");
    for (String key : Messages.english().keys()) {
      if (key.startsWith("reason.sshd.")) {
        assertTrue(de.keys().contains(key), key);
      }
    }
  }
}
