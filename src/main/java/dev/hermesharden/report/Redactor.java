package dev.hermesharden.report;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.system.hermes.HermesHomeLocator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text the tool shows or writes: values of secret-looking settings ({@code
 * *_KEY}, {@code *_TOKEN}, {@code *_SECRET}, {@code PASSWORD} in {@code .env}, compose or YAML
 * style; {@code "access_token": "…"} in JSON), bearer tokens, {@code sk-…}-style API keys, bot
 * tokens, private key blocks, and every value given explicitly (the host's {@code .env} values).
 * Every rendered report, the plan shown to the admin and the answers export go through it.
 *
 * <p>Caveat: a secret under an innocent name that is not in the explicit list passes through; that
 * is why {@link #forHost} adds every {@code .env} value it can read.
 */
public final class Redactor {
  /** What a redacted value is replaced with. */
  public static final String MASK = "[REDACTED]";

  private static final String SECRET_WORD =
      "(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIALS?)";

  /** {@code =} or {@code :} with optional quotes around, also JSON-escaped ({@code \"}). */
  private static final String QUOTED_SEP = "(?:\\\\?\")?\\s*[=:]\\s*(?:\\\\?\")?";

  /**
   * A value: up to white space, a quote, a backslash, a comma or a closing brace. A reference
   * ({@code ${NAME}}, {@code $NAME}) is not a secret and is kept.
   */
  private static final String VALUE = "([^\\s\"'\\\\,}$][^\\s\"'\\\\,}]*)";

  /** Not inside a longer name; a diff's +/- at the start of a line does not count as one. */
  private static final String START = "(?:(?<=^[-+])|(?<![A-Za-z0-9_.\\-]))";

  private static final List<Pattern> VALUE_AFTER =
      List.of(
          // ENV style: OPENROUTER_API_KEY=value, also "+ export X_TOKEN: value" in diffs and
          // compose
          Pattern.compile(
              "(?m)"
                  + START
                  + "((?:export\\s+)?[A-Z0-9_]*"
                  + SECRET_WORD
                  + "[A-Z0-9_]*"
                  + QUOTED_SEP
                  + ")"
                  + VALUE),
          // YAML/JSON style, lower case: api_key: value, "access_token": "value"
          Pattern.compile(
              "(?m)"
                  + START
                  + "(\"?[a-z0-9_]*(?:key|token|secret|password|passwd|passphrase)"
                  + QUOTED_SEP.replace("[=:]", ":")
                  + ")"
                  + VALUE),
          Pattern.compile("(?i)(bearer\\s+)([A-Za-z0-9._~+/=\\-]{8,})"));

  private static final List<Pattern> WHOLE =
      List.of(
          Pattern.compile(
              "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z0-9 ]*PRIVATE"
                  + " KEY-----|\\z)"),
          Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{16,}"),
          Pattern.compile("\\b(?:ghp|gho|ghs|github_pat|xox[abpr])_?[A-Za-z0-9_\\-]{16,}"),
          Pattern.compile("\\b\\d{8,10}:[A-Za-z0-9_\\-]{30,}"));

  private final List<String> values;

  private Redactor(Set<String> values) {
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first
    this.values = List.copyOf(sorted);
  }

  /** Patterns only. */
  public static Redactor patterns() {
    return new Redactor(Set.of());
  }

  /** Patterns plus these literal values (blank and very short values are ignored). */
  public Redactor withValues(Iterable<String> more) {
    Set<String> all = new LinkedHashSet<>(values);
    for (String v : more) {
      if (v != null && v.strip().length() >= 6) {
        all.add(v.strip());
      }
    }
    return new Redactor(all);
  }

  /**
   * Patterns plus every value in Hermes' {@code .env} on this host that could be a secret (long
   * enough and not a plain number, address or boolean). A host that cannot be read gives patterns.
   */
  public static Redactor forHost(Host host, Answers answers) {
    Set<String> found = new LinkedHashSet<>();
    try {
      Optional<String> home = HermesHomeLocator.locate(host, answers);
      if (home.isPresent()) {
        host.readFile(home.get() + "/.env").ifPresent(env -> found.addAll(envValues(env)));
      }
    } catch (HostException | RuntimeException e) {
      // no .env to read: the patterns still apply
    }
    return patterns().withValues(found);
  }

  /** The values of a {@code .env} text worth hiding. */
  static List<String> envValues(String env) {
    List<String> out = new ArrayList<>();
    for (String line : env.split("\n")) {
      String l = line.strip();
      int eq = l.indexOf('=');
      if (l.startsWith("#") || eq < 1) {
        continue;
      }
      String v = l.substring(eq + 1).strip();
      if (v.length() > 1
          && (v.startsWith("\"") || v.startsWith("'"))
          && v.endsWith(v.substring(0, 1))) {
        v = v.substring(1, v.length() - 1);
      }
      boolean plain = v.matches("(?i)true|false|yes|no|on|off|[0-9.:/*,\\[\\] -]*");
      if (v.length() >= 8 && !plain) {
        out.add(v);
      }
    }
    return out;
  }

  /** The text with every secret it recognises replaced by {@link #MASK}. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, MASK);
    }
    for (Pattern p : WHOLE) {
      out = p.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    }
    for (Pattern p : VALUE_AFTER) {
      Matcher m = p.matcher(out);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        // null, booleans and numbers are no secrets; keeping them keeps JSON valid
        boolean harmless = m.group(2).matches("null|true|false|-?[0-9]+|\\[REDACTED\\]");
        String keep = harmless ? m.group(2) : MASK;
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + keep));
      }
      m.appendTail(sb);
      out = sb.toString();
    }
    return out;
  }
}
