package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.EvidenceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message key the engine can hand to a UI exists in English and German. */
class EngineMessagesTest {
  private static final Pattern KEY =
      Pattern.compile("\"((?:engine|guard|evidence)\\.[a-z0-9.-]*[a-z0-9])\"");

  @Test
  void everyEngineKeyExistsInBothLanguages() throws Exception {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/hermesharden/engine"))) {
      for (Path f : files.toList()) {
        Matcher m = KEY.matcher(Files.readString(f));
        while (m.find()) {
          keys.add(m.group(1));
        }
      }
    }
    for (EvidenceKind k : EvidenceKind.values()) {
      keys.add("guard.how." + k.id());
    }
    for (StepStatus s : StepStatus.values()) {
      keys.add("engine.status." + s.name().toLowerCase(Locale.ROOT));
    }
    for (SkipKind s : SkipKind.values()) {
      keys.add("engine.skip-kind." + s.name().toLowerCase(Locale.ROOT));
    }
    keys.addAll(Set.of("evidence.stale.age", "evidence.stale.file", "evidence.stale.future"));
    assertTrue(keys.size() > 30, "scan found the keys: " + keys);
    Properties en = Messages.load("i18n/messages.properties");
    Properties de = Messages.load("i18n/messages_de.properties");
    Set<String> missing = new TreeSet<>();
    for (String k : keys) {
      if (!en.containsKey(k) || !de.containsKey(k)) {
        missing.add(k);
      }
    }
    assertEquals(Set.of(), missing, "keys missing in i18n/messages*.properties");
  }
}
