package dev.hermesharden.i18n;

import dev.hermesharden.checks.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The user-facing words, from the top-level {@code i18n/messages*.properties} (UTF-8, packaged into
 * the jar). A language falls back key by key to English; a key missing everywhere shows as {@code
 * !key!} so it is noticed instead of crashing anything.
 */
public final class Messages {
  public static final String BUNDLE = "i18n/messages";

  private final Locale locale;
  private final Properties english;
  private final Properties local;

  private Messages(Locale locale, Properties english, Properties local) {
    this.locale = locale;
    this.english = english;
    this.local = local;
  }

  /** English. */
  public static Messages english() {
    return forLanguage("en");
  }

  /** Messages for a language code such as {@code de}; unknown languages get English. */
  public static Messages forLanguage(String lang) {
    Properties en = load(BUNDLE + ".properties");
    String code = lang == null ? "en" : lang.toLowerCase(Locale.ROOT).split("[_.-]")[0];
    Properties local = code.equals("en") ? en : load(BUNDLE + "_" + code + ".properties");
    return new Messages(Locale.forLanguageTag(code), en, local.isEmpty() ? en : local);
  }

  /** Languages we ship a complete file for. */
  public static boolean supported(String lang) {
    String code = lang.toLowerCase(Locale.ROOT);
    return code.equals("en") || !load(BUNDLE + "_" + code + ".properties").isEmpty();
  }

  public Locale locale() {
    return locale;
  }

  public boolean has(String key) {
    return local.containsKey(key) || english.containsKey(key);
  }

  public String get(String key, Object... args) {
    String pattern = local.getProperty(key, english.getProperty(key));
    if (pattern == null) {
      return "!" + key + "!";
    }
    if (args.length == 0) {
      return pattern.replace("''", "'");
    }
    return new MessageFormat(pattern, locale).format(args);
  }

  public String get(Reason reason) {
    return get(reason.key(), reason.args().toArray());
  }

  /** Every key of the language's own file (for tests and tooling). */
  public Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    local.stringPropertyNames().forEach(keys::add);
    return Collections.unmodifiableSet(keys);
  }

  public static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
