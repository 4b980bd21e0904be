package dev.hermesharden.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.modules.DockerModule;
import dev.hermesharden.steps.modules.HermesDirModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Steps 7 and 8: their step files name only registered ids and existing i18n keys. */
class DockerStepFilesTest {
  static final Catalog CATALOG = Catalog.of(List.of(new HermesDirModule(), new DockerModule()));

  @Test
  void hermesDirAndDockerStepFilesAreComplete() throws Exception {
    Properties en = Messages.load("i18n/messages.properties");
    Properties de = Messages.load("i18n/messages_de.properties");
    for (String name : List.of("07-hermes-dir.yaml", "08-docker.yaml")) {
      String text = Files.readString(Path.of("wizard-steps", name));
      StepDefinition step = new StepFileParser(name, CATALOG).parse(text);
      assertEquals(name.substring(3, name.length() - 5), step.id());
      List<String> keys =
          new java.util.ArrayList<>(
              List.of(
                  step.titleKey(),
                  step.teaching().whyKey(),
                  step.teaching().breaksKey(),
                  step.teaching().undoKey()));
      for (CheckRef c : step.checks()) {
        assertTrue(CATALOG.check(c).isPresent(), "check registered: " + c.id());
        keys.add(c.titleKey());
      }
      for (FixRef f : step.fixes()) {
        assertTrue(CATALOG.hasFix(f.id()), "fix registered: " + f.id());
        assertTrue(!f.destructive(), "steps 7 and 8 change nothing that can lock the admin out");
        keys.add(f.titleKey());
      }
      for (String k : keys) {
        assertTrue(en.containsKey(k), "English key " + k);
        assertTrue(de.containsKey(k), "German key " + k);
      }
    }
  }

  @Test
  void reasonMessagesFormat() {
    Messages en = Messages.english();
    String s = en.get("reason.hermes-dir.literal-secrets", "/d/config.yaml", "model.api_key");
    assertTrue(s.contains("api_key: ${NAME}"), s);
    Messages de = Messages.forLanguage("de");
    assertTrue(de.get("reason.docker.compose-public", "2", "a:9").startsWith("2 Port(s)"));
  }
}
