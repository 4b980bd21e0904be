package dev.hermesharden.report;

import dev.hermesharden.system.hermes.DotEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Hermes' {@code .env} contributes to redaction, written by the hostile service account and so
 * trusted for nothing else: (1) in the diff of the {@code .env} file itself, every value that is
 * not plain is masked, whatever its name; (2) values of secret-named keys shaped like random tokens
 * become literals that {@link Redactor#redact} masks in free text. See docs/redaction.md.
 */
final class EnvSecrets {
  /**
   * An assignment, also commented out ({@code # KEY=…}, {@code # hermes-harden: KEY=…}): group 1 is
   * everything up to the value, group 2 the rest of the line.
   */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "^(\\s*(?:#\\s*)?(?:hermes-harden:\\s*)?(?:export\\s+)?[A-Za-z_][A-Za-z0-9_.-]*\\s*=\\s*)(.*)$");

  /** Values that tell nothing secret: empty, switches, numbers, addresses, lists of those. */
  private static final Pattern PLAIN =
      Pattern.compile("(?i)true|false|yes|no|on|off|[0-9.:/*,\\[\\] -]*|\\$\\{?[A-Za-z0-9_]+}?");

  private static final Pattern SECRET_NAME = Pattern.compile("(?i)" + SecretPatterns.SECRET_WORD);

  /** Characters that continue a token: a literal is only masked where none touches it. */
  private static final String TOKEN_CHAR = "[A-Za-z0-9_\\-+/=.~]";

  /** Shorter values could be ordinary words; 16 random characters are not. */
  static final int MIN_LITERAL = 16;

  private EnvSecrets() {}

  /** One line of the {@code .env} file with its value masked unless plain. */
  static String maskValue(String line) {
    Matcher m = ASSIGNMENT.matcher(line);
    if (!m.matches()) {
      return line;
    }
    String raw = m.group(2);
    int end = valueEnd(raw);
    String value = raw.substring(0, end).stripTrailing();
    String bare = unquoted(value);
    if (PLAIN.matcher(bare).matches()) {
      return line;
    }
    String quote = bare.equals(value) ? "" : value.substring(0, 1);
    return m.group(1)
        + quote
        + Redactor.MASK
        + quote
        + raw.substring(value.length(), end)
        + raw.substring(end);
  }

  /** Where a raw value ends: after its closing quote, else before {@code " #"} or at the end. */
  private static int valueEnd(String raw) {
    if (raw.startsWith("\"") || raw.startsWith("'")) {
      int close = raw.indexOf(raw.charAt(0), 1);
      return close < 0 ? raw.length() : close + 1;
    }
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && (i == 0 || Character.isWhitespace(raw.charAt(i - 1)))) {
        return i;
      }
    }
    return raw.length();
  }

  private static String unquoted(String v) {
    if (v.length() >= 2
        && (v.startsWith("\"") || v.startsWith("'"))
        && v.endsWith(v.substring(0, 1))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** The values of secret-named keys that look like random tokens (see {@link #tokenLike}). */
  static List<String> literals(String envText) {
    List<String> out = new ArrayList<>();
    for (DotEnv.Entry e : DotEnv.parse(envText).entries()) {
      if (SECRET_NAME.matcher(e.key()).find() && tokenLike(e.value())) {
        out.add(e.value());
      }
    }
    return out;
  }

  /**
   * At least {@value #MIN_LITERAL} characters without white space, with an upper-case letter, a
   * lower-case letter and a digit, not starting like a path or an option: a word, a path, a
   * command, an address or a host name is not.
   */
  static boolean tokenLike(String v) {
    return v != null
        && v.length() >= MIN_LITERAL
        && !v.startsWith("/")
        && !v.startsWith("-")
        && v.chars().noneMatch(Character::isWhitespace)
        && v.chars().anyMatch(Character::isUpperCase)
        && v.chars().anyMatch(Character::isLowerCase)
        && v.chars().anyMatch(Character::isDigit);
  }

  /** A literal as a whole token: nothing that continues a token right before or after it. */
  static Pattern wholeToken(String literal) {
    return Pattern.compile(
        "(?<!" + TOKEN_CHAR + ")" + Pattern.quote(literal) + "(?!" + TOKEN_CHAR + ")");
  }
}
