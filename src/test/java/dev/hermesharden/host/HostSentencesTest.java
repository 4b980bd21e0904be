package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.i18n.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sentence a {@link HostException} names ({@code host.error.…}) exists in every language and
 * uses each of its arguments: the admin reads the fingerprint and the file, not a placeholder.
 */
class HostSentencesTest {
  private static final Pattern KEY = Pattern.compile("\"(host\\.error\\.[a-z-]+)\"");

  /** Each sentence and the number of arguments its throw sites give it. */
  private static final Map<String, Integer> ARGS =
      Map.ofEntries(
          Map.entry("host.error.host-key-changed", 4),
          Map.entry("host.error.host-key-other-server", 3),
          Map.entry("host.error.host-key-unknown", 3),
          Map.entry("host.error.ssh-config-proxy", 3),
          Map.entry("host.error.no-key-accepted", 4),
          Map.entry("host.error.unreachable", 1),
          Map.entry("host.error.login-shell", 2),
          Map.entry("host.error.sudo-missing", 2),
          Map.entry("host.error.sudo-refused", 2),
          Map.entry("host.error.sudo-no-password", 2),
          Map.entry("host.error.sudo-wrong-password", 2));

  @Test
  void everySentenceTheHostNamesExistsInEveryLanguage() throws Exception {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/hermesharden/host"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = KEY.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertTrue(used.size() >= 10, "found too few to trust the scan: " + used);
    for (String lang : new String[] {"en", "de"}) {
      Messages msg = lang.equals("en") ? Messages.english() : Messages.forLanguage(lang);
      for (String key : used) {
        assertTrue(msg.has(key), key + " in " + lang);
        String text = msg.get(key, "ARG0", "ARG1", "ARG2", "ARG3");
        assertTrue(ARGS.containsKey(key), key + ": how many arguments? (add it to ARGS)");
        int args = ARGS.get(key);
        for (int i = 0; i < args; i++) {
          assertTrue(
              text.contains("ARG" + i), key + " (" + lang + ") shows argument " + i + ": " + text);
        }
        assertEquals(-1, text.indexOf('{'), key + ": a placeholder left");
      }
    }
  }
}
