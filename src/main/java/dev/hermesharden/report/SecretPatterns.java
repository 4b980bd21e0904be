package dev.hermesharden.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a secret by what surrounds it, never by its value: the value after a secret-named
 * setting ({@code *_KEY=…}, {@code api_key: …}, {@code "access_token": "…"}), a bearer token, and
 * token shapes ({@code sk-…}, {@code ghp_…}, bot tokens, private key blocks).
 *
 * <p>Every pattern but the private key block stays on one line and masks only the value part, so
 * what a line says besides a secret stays readable. Caveat: a secret under an innocent name in a
 * shape we do not know passes through (docs/redaction.md).
 */
final class SecretPatterns {
  /** The words that make a setting's name secret-named. */
  static final String SECRET_WORD = "(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIALS?)";

  /** {@code =} or {@code :} with optional quotes around, also JSON-escaped; one line only. */
  private static final String QUOTED_SEP = "(?:\\\\?\")?[ \\t]*[=:][ \\t]*(?:\\\\?\")?";

  /**
   * A value: up to white space, a quote, a backslash, a comma or a bracket. A reference ({@code
   * ${NAME}}, {@code $NAME}) is not a secret and is kept; a flow collection is no value.
   */
  private static final String VALUE = "([^\\s\"'\\\\,{}\\[\\]$][^\\s\"'\\\\,{}\\[\\]]*)";

  /**
   * Not inside a longer name or a path; a diff's +/- at the start of a line does not count as a
   * name character.
   */
  private static final String START = "(?:(?<=^[-+])|(?<![A-Za-z0-9_.\\-/]))";

  private static final List<Pattern> VALUE_AFTER =
      List.of(
          // ENV style: OPENROUTER_API_KEY=value, export X_TOKEN: value, - DB_PASSWORD=value
          Pattern.compile(
              "(?m)"
                  + START
                  + "((?:export[ \\t]+)?[A-Z0-9_]*"
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
          Pattern.compile("(?i)(bearer[ \\t]+)([A-Za-z0-9._~+/=\\-]{8,})"));

  private static final List<Pattern> TOKENS =
      List.of(
          Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{16,}"),
          Pattern.compile("\\b(?:ghp|gho|ghs|github_pat|xox[abpr])_?[A-Za-z0-9_\\-]{16,}"),
          Pattern.compile("\\b\\d{8,10}:[A-Za-z0-9_\\-]{30,}"));

  private static final Pattern KEY_BLOCK =
      Pattern.compile(
          "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z0-9 ]*PRIVATE"
              + " KEY-----|\\z)");

  private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
  private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");

  /** A line of a private key's body: base64 only. */
  private static final Pattern BASE64_LINE =
      Pattern.compile("\\s*(?=[^\\s]*[A-Za-z0-9])[A-Za-z0-9+/]+={0,2}\\s*");

  /** A full-width line of a key body (PEM lines are 64 or 70 wide), even outside its markers. */
  private static final int KEY_LINE_WIDTH = 60;

  private SecretPatterns() {}

  /**
   * Masks the values of secret-named settings and the token shapes, line by line. Text without a
   * line break in it never gains or loses one.
   */
  static String values(String text) {
    String out = text;
    for (Pattern p : TOKENS) {
      out = p.matcher(out).replaceAll(Matcher.quoteReplacement(Redactor.MASK));
    }
    for (Pattern p : VALUE_AFTER) {
      Matcher m = p.matcher(out);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        // null, booleans and numbers are no secrets; keeping them keeps JSON valid
        boolean harmless = m.group(2).matches("null|true|false|-?[0-9]+|\\[REDACTED\\]");
        String keep = harmless ? m.group(2) : Redactor.MASK;
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + keep));
      }
      m.appendTail(sb);
      out = sb.toString();
    }
    return out;
  }

  /** Masks whole private key blocks (free text only: they span lines). */
  static String keyBlocks(String text) {
    return KEY_BLOCK.matcher(text).replaceAll(Matcher.quoteReplacement(Redactor.MASK));
  }

  static boolean keyBegins(String line) {
    return KEY_BEGIN.matcher(line).find();
  }

  static boolean keyEnds(String line) {
    return KEY_END.matcher(line).find();
  }

  /** A base64-only line: inside a key block it is key material. */
  static boolean base64(String line) {
    return BASE64_LINE.matcher(line).matches();
  }

  /** A base64-only line as wide as a key body's lines: key material wherever it stands. */
  static boolean keyLine(String line) {
    return line.strip().length() >= KEY_LINE_WIDTH && base64(line);
  }
}
