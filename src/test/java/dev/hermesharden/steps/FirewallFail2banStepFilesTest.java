package dev.hermesharden.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.EvidenceKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps 4 and 6 on their own (StepFiles.load needs all steps 1..9 to be present). */
class FirewallFail2banStepFilesTest {
  private static StepDefinition load(String name) throws StepFileException {
    StepFiles.Source src =
        StepFiles.packagedSources().stream()
            .filter(s -> s.name().equals(name))
            .findFirst()
            .orElseThrow();
    return new StepFileParser(src.name(), Catalog.standard()).parse(src.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"04-firewall.yaml", "06-fail2ban.yaml"})
  void everyIdIsRegisteredAndEveryKeyExistsInBothLanguages(String file) throws StepFileException {
    StepDefinition step = load(file);
    Catalog catalog = Catalog.standard();
    List<Messages> langs = List.of(Messages.english(), Messages.forLanguage("de"));
    List<String> keys =
        new java.util.ArrayList<>(
            List.of(
                step.titleKey(),
                step.teaching().whyKey(),
                step.teaching().breaksKey(),
                step.teaching().undoKey()));
    step.checks()
        .forEach(
            c -> {
              assertTrue(catalog.check(c).isPresent(), "check " + c.id());
              keys.add(c.titleKey());
            });
    step.fixes()
        .forEach(
            f -> {
              assertTrue(catalog.hasFix(f.id()), "fix " + f.id());
              keys.add(f.titleKey());
            });
    for (Messages m : langs) {
      for (String k : keys) {
        assertTrue(m.keys().contains(k), k + " in " + m.locale());
      }
    }
    assertEquals(file.startsWith("04") ? 6 : 9, step.checks().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"04-firewall.yaml"})
  void firewallFixesAreGuardedByThePrivatePathProof(String file) throws StepFileException {
    for (FixRef f : load(file).fixes()) {
      assertTrue(f.destructive(), f.id());
      assertEquals(List.of(EvidenceKind.PRIVATE_PATH_LOGIN), f.requires(), f.id());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"06-fail2ban.yaml"})
  void fail2banFixesAreNotDestructive(String file) throws StepFileException {
    for (FixRef f : load(file).fixes()) {
      assertFalse(f.destructive(), f.id());
    }
  }
}
