package dev.hermesharden.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Status;
import dev.hermesharden.engine.StepStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message key the code names exists in English (and so, by parity, in German). */
class MessageKeysUsedTest {
  private static final Pattern KEY =
      Pattern.compile(
          "\"((?:reason|cli|engine|guard|evidence|proof|step|check|fix|status|state|report|tui|lines|plain|words|plan)"
              + "\\.[a-z0-9][a-z0-9.-]*[a-z0-9])\"");

  @Test
  void everyKeyLiteralInTheCodeExists() throws IOException {
    Messages en = Messages.english();
    Set<String> missing = new TreeSet<>();
    int seen = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = KEY.matcher(Files.readString(f));
        while (m.find()) {
          if (m.group(1).endsWith(".json")) {
            continue; // a file name (state.json), not a key
          }
          seen++;
          if (!en.has(m.group(1))) {
            missing.add(m.group(1) + " (" + f.getFileName() + ")");
          }
        }
      }
    }
    assertTrue(seen > 100, "found too few key literals to trust the scan: " + seen);
    assertEquals(Set.of(), missing, "keys used in code but missing from messages.properties");
  }

  @Test
  void everyStatusAndStateHasAWord() {
    Messages en = Messages.english();
    for (Status s : Status.values()) {
      assertTrue(en.has("status." + s.name().toLowerCase(Locale.ROOT)), s.name());
    }
    for (StepStatus s : StepStatus.values()) {
      assertTrue(en.has("state." + s.name().toLowerCase(Locale.ROOT)), s.name());
    }
    for (String lang : List.of("de")) {
      assertTrue(Messages.supported(lang), lang);
    }
  }
}
