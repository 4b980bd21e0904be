package dev.hermesharden.i18n;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.host.ShellQuoting;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
    Properties en = packaged(BUNDLE + ".properties");
    String code = lang == null ? "en" : lang.toLowerCase(Locale.ROOT).split("[_.-]")[0];
    Properties local = code.equals("en") ? en : packaged(BUNDLE + "_" + code + ".properties");
    return new Messages(Locale.forLanguageTag(code), en, local.isEmpty() ? en : local);
  }

  /** Messages from given properties (tests, tools); the same file serves as English. */
  public static Messages of(Properties props) {
    return new Messages(Locale.ENGLISH, props, props);
  }

  /** Languages we ship a complete file for. */
  public static boolean supported(String lang) {
    String code = lang.toLowerCase(Locale.ROOT);
    return code.equals("en") || !packaged(BUNDLE + "_" + code + ".properties").isEmpty();
  }

  /**
   * A packaged file, read and parsed once per process (the English file is 110 KB, and the wizard's
   * start asks for it on two threads: the command line's words and the step files' check that every
   * key exists). Never changed once loaded: {@link Messages} only reads.
   */
  private static Properties packaged(String resource) {
    return PACKAGED.computeIfAbsent(resource, Messages::load);
  }

  private static final ConcurrentMap<String, Properties> PACKAGED = new ConcurrentHashMap<>();

  /**
   * The same words as a {@link ResourceBundle} (what picocli reads its texts from), falling back
   * key by key to English as {@link #get} does, without reading the files a second time.
   */
  public ResourceBundle bundle() {
    // picocli lists the keys once for every command it builds: they are listed once here
    Set<String> all = new TreeSet<>(english.stringPropertyNames());
    all.addAll(local.stringPropertyNames());
    List<String> keys = List.copyOf(all);
    return new ResourceBundle() {
      @Override
      protected Object handleGetObject(String key) {
        return local.getProperty(key, english.getProperty(key));
      }

      @Override
      public Enumeration<String> getKeys() {
        return Collections.enumeration(keys);
      }
    };
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
    Object[] shown = args.clone();
    for (int i = 0; i < shown.length; i++) {
      if (shown[i] instanceof CharSequence text) {
        // a value, a name or a line from the host: never an escape sequence or a line of its own
        shown[i] = ShellQuoting.visible(text.toString());
      }
    }
    return new MessageFormat(pattern, locale).format(shown);
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
