package dev.hermesharden.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.EvidenceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KeysStepFilesTest {
  @Test
  void stepsOneToThreeLoad() throws Exception {
    List<StepDefinition> steps = StepFiles.loadPackaged(Catalog.standard(), Messages.english());
    assertEquals(
        List.of("users", "ssh-keys", "private-path"),
        steps.stream().limit(3).map(StepDefinition::id).toList());
    assertEquals(List.of(EvidenceKind.KEY_LOGIN), steps.get(1).produces());
    assertEquals(List.of(EvidenceKind.PRIVATE_PATH_LOGIN), steps.get(2).produces());
  }

  /** Every reason key our checks name exists in English and German. */
  @Test
  void everyReasonKeyExists() throws IOException {
    Pattern literal =
        Pattern.compile("\"(reason\\.(?:users|ssh-keys|private-path)\\.[a-z0-9-]+)\"");
    TreeSet<String> keys = new TreeSet<>();
    for (String pkg : List.of("checks/users", "checks/sshkeys", "checks/privatepath")) {
      try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/hermesharden", pkg))) {
        for (Path f : files.toList()) {
          Matcher m = literal.matcher(Files.readString(f));
          while (m.find()) {
            keys.add(m.group(1));
          }
        }
      }
    }
    // built from Freshness's staleness kinds
    for (String step : List.of("ssh-keys", "private-path")) {
      for (String what : List.of("age", "file", "future")) {
        keys.add("reason." + step + ".proof-stale-" + what);
      }
    }
    assertTrue(keys.size() > 50, "found " + keys.size());
    Messages en = Messages.english();
    Messages de = Messages.forLanguage("de");
    for (String k : keys) {
      assertTrue(en.has(k), "missing English " + k);
      assertTrue(de.keys().contains(k), "missing German " + k);
    }
  }
}
