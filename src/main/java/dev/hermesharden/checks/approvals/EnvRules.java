package dev.hermesharden.checks.approvals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The pure rules over {@code .env} and the API server settings. Environment variables win over
 * {@code gateway.api_server.*} in config.yaml (design §9). Reasons name variables, never values.
 */
public final class EnvRules {
  /** Words that mark a key as an example rather than a secret. */
  private static final List<String> PLACEHOLDERS =
      List.of(
          "change",
          "secret",
          "password",
          "example",
          "your",
          "placeholder",
          "replace",
          "xxx",
          "token",
          "apikey",
          "api_key",
          "test");

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

  private EnvRules() {}

  public static Verdict yolo(HermesConfig c, DotEnv env, Params p) {
    return env.get("HERMES_YOLO_MODE").filter(DotEnv::truthy).isPresent()
        ? Verdict.fail("reason.approvals.yolo-on", "HERMES_YOLO_MODE")
        : Verdict.pass("reason.approvals.yolo-off");
  }

  /** No {@code *_ALLOW_ALL_USERS} that is on, no {@code *_ALLOWED_USERS} containing {@code *}. */
  public static Verdict openAccess(HermesConfig c, DotEnv env, Params p) {
    List<String> open = new ArrayList<>();
    env.values()
        .forEach(
            (k, v) -> {
              if (k.endsWith("_ALLOW_ALL_USERS") && DotEnv.truthy(v)) {
                open.add(k);
              } else if (k.endsWith("_ALLOWED_USERS") && starred(v)) {
                open.add(k);
              }
            });
    return open.isEmpty()
        ? Verdict.pass("reason.approvals.access-closed")
        : Verdict.fail("reason.approvals.access-open", String.join(", ", open));
  }

  public static boolean starred(String v) {
    for (String part : v.split(",")) {
      if (part.strip().equals("*")) {
        return true;
      }
    }
    return false;
  }

  /** The API server is on when enabled, or when a key is set (Hermes starts it then). */
  public static boolean apiOn(HermesConfig c, DotEnv env) {
    boolean enabled =
        setting(c, env, "API_SERVER_ENABLED", "enabled").filter(DotEnv::truthy).isPresent();
    return enabled
        || setting(c, env, "API_SERVER_KEY", "key").filter(k -> !k.isBlank()).isPresent();
  }

  /** An env variable, else its {@code gateway.api_server.<key>} in config.yaml. */
  static Optional<String> setting(HermesConfig c, DotEnv env, String var, String configKey) {
    Optional<String> fromEnv = env.get(var);
    return fromEnv.isPresent() ? fromEnv : c.apiServer(configKey);
  }

  public static Verdict apiKey(HermesConfig c, DotEnv env, Params p) {
    if (!apiOn(c, env)) {
      return Verdict.notApplicable("reason.approvals.api-off");
    }
    int min = p.integer("min-length", 32);
    String key = setting(c, env, "API_SERVER_KEY", "key").orElse("");
    if (key.isBlank()) {
      return Verdict.fail("reason.approvals.api-key-missing");
    }
    if (placeholder(key)) {
      return Verdict.fail("reason.approvals.api-key-placeholder");
    }
    if (key.length() < min) {
      return Verdict.fail("reason.approvals.api-key-short", key.length(), min);
    }
    return Verdict.pass("reason.approvals.api-key-ok", key.length());
  }

  /**
   * Too few different characters to be random, or mostly example words ("changeme", "your key
   * here"). A long random key that happens to contain such a word keeps 24 other characters.
   */
  public static boolean placeholder(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.chars().distinct().count() < 10) {
      return true;
    }
    String rest = k;
    for (String w : PLACEHOLDERS) {
      rest = rest.replace(w, "");
    }
    return rest.length() < k.length() && rest.length() < 24;
  }

  public static Verdict apiHost(HermesConfig c, DotEnv env, Params p) {
    if (!apiOn(c, env)) {
      return Verdict.notApplicable("reason.approvals.api-off");
    }
    String host = setting(c, env, "API_SERVER_HOST", "host").map(String::strip).orElse("");
    if (host.isEmpty()
        || LOOPBACK.contains(host.toLowerCase(Locale.ROOT))
        || host.startsWith("127.")) {
      return Verdict.pass(
          "reason.approvals.api-host-loopback", host.isEmpty() ? "127.0.0.1" : host);
    }
    return Verdict.fail("reason.approvals.api-host-open", host);
  }

  public static Verdict apiCors(HermesConfig c, DotEnv env, Params p) {
    if (!apiOn(c, env)) {
      return Verdict.notApplicable("reason.approvals.api-off");
    }
    String origins = setting(c, env, "API_SERVER_CORS_ORIGINS", "cors_origins").orElse("");
    return starred(origins.replace("[", "").replace("]", ""))
        ? Verdict.fail("reason.approvals.cors-any")
        : Verdict.pass("reason.approvals.cors-ok");
  }
}
