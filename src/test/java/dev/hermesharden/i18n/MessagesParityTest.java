package dev.hermesharden.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private static Set<String> keys(String resource) {
    Properties p = Messages.load(resource);
    return new TreeSet<>(p.stringPropertyNames());
  }
}
