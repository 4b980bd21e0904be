package dev.hermesharden.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.cli.Cli;
import dev.hermesharden.cli.CliEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * The words picocli reads (its help and usage texts) are the ones {@link Messages} gives, and do
 * not depend on this JVM's default locale: {@code ResourceBundle.getBundle("…", ENGLISH)} on a
 * German machine would have answered in German.
 */
class MessagesBundleTest {
  @Test
  void theBundleSaysWhatMessagesSaysInEachLanguage() {
    for (String lang : new String[] {"en", "de"}) {
      Messages m = Messages.forLanguage(lang);
      ResourceBundle b = m.bundle();
      for (String key : new String[] {"cli.option.help", "cli.option.version", "tui.quit"}) {
        assertEquals(m.get(key).replace("''", "'"), b.getString(key).replace("''", "'"), key);
      }
    }
    assertTrue(
        Messages.forLanguage("de").bundle().getString("cli.option.help").contains("Hilfe"),
        Messages.forLanguage("de").bundle().getString("cli.option.help"));
  }

  @Test
  void everyKeyIsListedAndTheDefaultLocaleChangesNothing() {
    Properties en = new Properties();
    en.setProperty("a", "A");
    en.setProperty("b", "B");
    Messages m = Messages.of(en);
    assertEquals(Collections.list(m.bundle().getKeys()), java.util.List.of("a", "b"));
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals("Show this help and exit.", english("cli.option.help"));
      StringWriter out = new StringWriter();
      PrintWriter none = new PrintWriter(new StringWriter());
      Cli.run(
          new String[] {"--help", "--lang", "en"},
          new PrintWriter(out),
          none,
          CliEnvironment.current());
      assertTrue(out.toString().contains("Show this help and exit."), out.toString());
    } finally {
      Locale.setDefault(before);
    }
  }

  private static String english(String key) {
    return Messages.forLanguage("en").bundle().getString(key);
  }
}
