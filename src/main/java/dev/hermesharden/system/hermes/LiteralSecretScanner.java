package dev.hermesharden.system.hermes;

import dev.hermesharden.model.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds secret values written literally into Hermes' {@code config.yaml}: a key whose name looks
 * like a credential ({@code api_key}, {@code bot_token}, {@code client_secret}, {@code
 * sudo_password}, …) with a non-empty text value that is not a {@code ${VAR}} reference. Returns
 * key paths ({@code model.api_key}, {@code providers[0].api_key}), never values.
 *
 * <p>Caveat: a heuristic. Names that point at a secret rather than hold one ({@code key_env},
 * {@code key_cmd}, {@code *_file}, {@code *_path}) and non-text values (numbers such as {@code
 * max_tokens}, booleans such as {@code redact_secrets}) are ignored.
 */
public final class LiteralSecretScanner {
  private static final Pattern SECRET = Pattern.compile(".*(key|token|secret|password|passwd).*");
  private static final Pattern POINTER =
      Pattern.compile(".*(_env|_cmd|_command|_file|_path|_url|_name|_id|_mode|_limit|_count)$");

  private LiteralSecretScanner() {}

  /** {@link #scan(String, String)} for a text whose path does not matter (fixtures). */
  public static List<String> scan(String yaml) {
    return scan("config.yaml", yaml);
  }

  /**
   * @param file where the text came from, for the error
   * @throws BadInputException when the text is not YAML
   */
  public static List<String> scan(String file, String yaml) {
    return scan(HermesConfig.document(file, yaml));
  }

  /** The same for a text already loaded ({@link HermesConfig#document}). */
  public static List<String> scan(Object document) {
    List<String> out = new ArrayList<>();
    walk(document, "", false, out);
    return out;
  }

  private static void walk(Object node, String path, boolean secretKey, List<String> out) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        String child = path.isEmpty() ? key : path + "." + key;
        walk(e.getValue(), child, looksSecret(key), out);
      }
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        walk(l.get(i), path + "[" + i + "]", secretKey, out);
      }
    } else if (secretKey && node instanceof String s && isLiteral(s)) {
      out.add(path);
    }
  }

  public static boolean looksSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET.matcher(k).matches() && !POINTER.matcher(k).matches();
  }

  private static boolean isLiteral(String value) {
    String v = value.strip();
    return !v.isEmpty() && !v.matches("\\$\\{[^}]+\\}|\\$[A-Za-z_][A-Za-z0-9_]*");
  }
}
