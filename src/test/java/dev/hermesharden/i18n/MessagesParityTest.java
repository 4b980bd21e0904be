package dev.hermesharden.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesParityTest {
  @Test
  void germanHasExactlyTheEnglishKeys() {
    Set<String> en = keys("i18n/messages.properties");
    Set<String> de = keys("i18n/messages_de.properties");
    Set<String> missingInGerman = new TreeSet<>(en);
    missingInGerman.removeAll(de);
    Set<String> onlyInGerman = new TreeSet<>(de);
    onlyInGerman.removeAll(en);
    assertEquals(Set.of(), missingInGerman, "keys missing in messages_de.properties");
    assertEquals(Set.of(), onlyInGerman, "keys only in messages_de.properties");
    assertTrue(en.size() > 1, "the English file must not be empty");
  }

  /**
   * MessageFormat swallows a lone apostrophe and everything up to the next one (placeholders
   * included), so every apostrophe must be doubled, or quote a brace as in '{'.
   */
  @Test
  void everyApostropheIsDoubled() {
    for (String resource : List.of("i18n/messages.properties", "i18n/messages_de.properties")) {
      Properties p = Messages.load(resource);
      List<String> bad = new ArrayList<>();
      for (String key : new TreeSet<>(p.stringPropertyNames())) {
        String rest = p.getProperty(key).replace("''", "").replace("'{'", "").replace("'}'", "");
        if (rest.contains("'")) {
          bad.add(key);
        }
      }
      assertEquals(List.of(), bad, "messages with a lone apostrophe in " + resource);
    }
  }

  private static Set<String> keys(String resource) {
    Properties p = Messages.load(resource);
    return new TreeSet<>(p.stringPropertyNames());
  }
}
