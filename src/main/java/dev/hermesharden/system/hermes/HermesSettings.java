package dev.hermesharden.system.hermes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Hermes itself makes of its settings: {@code config.yaml}, {@code HERMES_HOME/.env} and the
 * process environment it starts with (the container's {@code Config.Env}: compose {@code
 * environment:} and {@code env_file:}), combined exactly as its code does. The one place this
 * precedence is implemented; every check and fix asks here. Sources (docs/decisions-approvals.md):
 *
 * <ul>
 *   <li>{@code hermes_cli/env_loader.py} {@code load_hermes_dotenv}: {@code HERMES_HOME/.env} is
 *       loaded with {@code override=True} — a key in {@code .env} beats the container's variable.
 *   <li>{@code tools/approval.py} {@code _normalize_approval_mode}: booleans → {@code off}/{@code
 *       manual} (YAML 1.1 reads bare {@code off}/{@code yes} as booleans), blank or unknown strings
 *       → {@code manual}; a missing key takes {@code DEFAULT_CONFIG} ({@code smart} in current
 *       {@code hermes_cli/config.py}). {@code _get_cron_approval_mode}: {@code str(value).lower()}
 *       in approve/off/allow/yes → approve, everything else (booleans too) → deny; default deny.
 *       {@code _YOLO_MODE_FROZEN = is_truthy_value(HERMES_YOLO_MODE)}.
 *   <li>{@code gateway/config.py} {@code load_gateway_config}: {@code gateway.platforms} then
 *       top-level {@code platforms} (top wins, {@code extra} merged); {@code _apply_env_overrides}:
 *       {@code API_SERVER_ENABLED} (true/1/yes) or a non-empty {@code API_SERVER_KEY} enables the
 *       API server and then {@code API_SERVER_HOST} overrides {@code extra.host}; {@code
 *       gateway/platforms/api_server.py} {@code APIServerAdapter.__init__}: host = {@code
 *       extra.host}, else {@code API_SERVER_HOST}, else {@code 127.0.0.1}.
 *   <li>{@code agent/redact.py} and {@code hermes_cli/main.py}: {@code HERMES_REDACT_SECRETS} in
 *       the environment beats {@code security.redact_secrets} ({@link #redactSecrets}).
 *   <li>{@code hermes_cli/config.py} {@code apply_terminal_config_to_env}: a {@code terminal} key
 *       config.yaml leaves out comes from {@code TERMINAL_*} ({@link #terminalFrom}).
 * </ul>
 */
public final class HermesSettings {
  /** {@code approvals.mode} when config.yaml does not set it (current upstream DEFAULT_CONFIG). */
  public static final String DEFAULT_MODE = "smart";

  public static final String DEFAULT_API_HOST = "127.0.0.1";
  public static final int DEFAULT_API_PORT = 8642;
  private static final List<String> MODES = List.of("manual", "smart", "off");

  private final HermesConfig config;

  /** config.yaml before {@code ${VAR}} expansion: what {@code read_raw_config()} readers see. */
  private final HermesConfig raw;

  private final DotEnv dotenv;
  private final Map<String, String> processEnv;
  private final Map<String, String> env;

  private HermesSettings(HermesConfig config, DotEnv dotenv, Map<String, String> processEnv) {
    this.dotenv = dotenv;
    this.processEnv = Map.copyOf(processEnv);
    Map<String, String> e = new LinkedHashMap<>(processEnv);
    e.putAll(dotenv.values(processEnv)); // load_hermes_dotenv(..., override=True)
    this.env = e;
    this.raw = config;
    this.config = config.expanded(e); // load_config's _expand_env_vars, after .env is loaded
  }

  /**
   * @param processEnv the environment Hermes' process starts with (container {@code Config.Env},
   *     else the compose service's {@code env_file:} and {@code environment:}); empty when native
   */
  public static HermesSettings of(
      HermesConfig config, DotEnv dotenv, Map<String, String> processEnv) {
    return new HermesSettings(config, dotenv, processEnv);
  }

  /** Files only, no process environment (native Hermes, fixtures). */
  public static HermesSettings of(HermesConfig config, DotEnv dotenv) {
    return of(config, dotenv, Map.of());
  }

  public HermesConfig config() {
    return config;
  }

  public DotEnv dotenv() {
    return dotenv;
  }

  /** The value Hermes sees for an environment variable, after {@code .env} was loaded. */
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name));
  }

  /** Every variable Hermes sees, {@code .env} over the process environment. */
  public Map<String, String> environment() {
    return java.util.Collections.unmodifiableMap(env);
  }

  /** Where a variable's effective value comes from: ".env", "container", or "" when unset. */
  public String source(String name) {
    if (dotenv.get(name).isPresent()) {
      return ".env";
    }
    return processEnv.containsKey(name) ? "container" : "";
  }

  /** {@code approvals.mode} as Hermes normalises it: manual, smart or off. */
  public String approvalsMode() {
    if (!config.present("approvals.mode")) {
      return DEFAULT_MODE;
    }
    return normalizeMode(config.get("approvals.mode").orElse(null));
  }

  /** {@code _normalize_approval_mode}. */
  static String normalizeMode(Object mode) {
    if (HermesConfig.ruamelBool(mode).isPresent()) {
      mode = HermesConfig.ruamelBool(mode).get(); // bare n is False to current Hermes: off
    }
    if (mode instanceof Boolean b) {
      return b ? "manual" : "off";
    }
    if (mode instanceof String s) {
      String n = s.strip().toLowerCase(Locale.ROOT);
      return MODES.contains(n) ? n : "manual";
    }
    return "manual";
  }

  /** {@code _get_cron_approval_mode}: approve or deny. */
  public String cronMode() {
    Optional<Object> v = config.get("approvals.cron_mode");
    if (!config.present("approvals.cron_mode")) {
      return "deny";
    }
    String s = python(v.orElse(null)).toLowerCase(Locale.ROOT).strip();
    return List.of("approve", "off", "allow", "yes").contains(s) ? "approve" : "deny";
  }

  /** The values {@code agent/redact.py} counts as on ({@code lower()}, no strip). */
  private static final List<String> REDACT_ON = List.of("1", "true", "yes", "on");

  /** The variable {@code agent/redact.py} snapshots at import. */
  public static final String REDACT_VAR = "HERMES_REDACT_SECRETS";

  /**
   * Whether {@code agent/redact.py} redacts secrets. It snapshots {@code HERMES_REDACT_SECRETS} at
   * import; {@code hermes_cli/main.py} bridges {@code security.redact_secrets} into it, read raw
   * (no {@code ${VAR}} expansion) as {@code str(value).lower()}, only when the variable is unset,
   * so a variable in {@code .env} or the container beats config.yaml. Older gateway entry points
   * let config.yaml win instead, so either one saying off is off.
   */
  public boolean redactSecrets() {
    return redactEnvOn() && raw.redactSecrets();
  }

  /** False when {@code HERMES_REDACT_SECRETS} is set in Hermes' environment to something not on. */
  public boolean redactEnvOn() {
    return env(REDACT_VAR).map(HermesSettings::redactOn).orElse(true);
  }

  /** {@code str(v).lower()} is one of the values {@code agent/redact.py} counts as on. */
  static boolean redactOn(Object v) {
    return REDACT_ON.contains(python(v).toLowerCase(Locale.ROOT));
  }

  /**
   * The variable a {@code terminal.<key>} setting is bridged to ({@code hermes_cli/config.py}
   * {@code TERMINAL_CONFIG_ENV_MAP}).
   */
  static String terminalVar(String key) {
    return key.equals("backend") ? "TERMINAL_ENV" : "TERMINAL_" + key.toUpperCase(Locale.ROOT);
  }

  /**
   * Where Hermes' terminal tool takes {@code terminal.<key>} from: "" when config.yaml sets it (or
   * nothing does and the default applies), else the variable and its source, e.g. {@code
   * TERMINAL_CONTAINER_CPU (.env)}. {@code apply_terminal_config_to_env}: a key the file's {@code
   * terminal} section sets overrides the environment; one it leaves out keeps the environment's
   * {@code TERMINAL_*} value, and only then the default.
   */
  public String terminalFrom(String key) {
    String var = terminalVar(key);
    if (config.present("terminal." + key) || env(var).isEmpty()) {
      return "";
    }
    return var + " (" + source(var) + ")";
  }

  private Optional<String> terminalEnv(String key) {
    return terminalFrom(key).isEmpty() ? Optional.empty() : env(terminalVar(key));
  }

  /** {@code terminal.backend} as the terminal tool sees it. */
  public String terminalBackend() {
    return terminalEnv("backend")
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .orElseGet(config::terminalBackend);
  }

  /** CPU cores for the sandbox; empty when not a number. */
  public Optional<Double> containerCpu() {
    return terminalEnv("container_cpu").map(HermesConfig::number).orElseGet(config::containerCpu);
  }

  /** Sandbox memory in MB; empty when not a number. */
  public Optional<Double> containerMemoryMb() {
    return terminalEnv("container_memory")
        .map(HermesConfig::number)
        .orElseGet(config::containerMemoryMb);
  }

  /**
   * Variables forwarded into the sandbox. From the environment, {@code TERMINAL_DOCKER_FORWARD_ENV}
   * is a JSON list (loaded as YAML, of which JSON flow lists are a part); a text that is not a list
   * is listed under the variable's own name (names only, never the text).
   */
  public List<String> dockerForwardEnv() {
    Optional<String> e = terminalEnv("docker_forward_env");
    if (e.isEmpty()) {
      return config.dockerForwardEnv();
    }
    if (e.get().isBlank()) {
      return List.of();
    }
    Object list;
    try {
      list = HermesConfig.load(e.get());
    } catch (RuntimeException notYaml) {
      list = null;
    }
    return list instanceof List<?>
        ? HermesConfig.strings(list)
        : List.of(terminalVar("docker_forward_env"));
  }

  /** {@code HERMES_YOLO_MODE}, frozen at import from the environment Hermes sees. */
  public boolean yolo() {
    return env("HERMES_YOLO_MODE").map(DotEnv::truthy).orElse(false);
  }

  /** The API server as the gateway would start it. */
  public ApiServer apiServer() {
    Map<String, Object> block = new LinkedHashMap<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    for (String path : List.of("gateway.platforms.api_server", "platforms.api_server")) {
      if (config.get(path).orElse(null) instanceof Map<?, ?> m) {
        m.forEach((k, v) -> block.put(String.valueOf(k), v));
        if (m.get("extra") instanceof Map<?, ?> x) {
          x.forEach((k, v) -> extra.put(String.valueOf(k), v));
        }
      }
    }
    boolean enabled = coerceBool(block.get("enabled"), false);
    String from = enabled ? "config.yaml" : "";
    boolean envEnabled =
        List.of("true", "1", "yes")
            .contains(env("API_SERVER_ENABLED").orElse("").toLowerCase(Locale.ROOT));
    String envKey = env("API_SERVER_KEY").orElse("");
    if (envEnabled || !envKey.isEmpty()) {
      enabled = true;
      from = source(envEnabled ? "API_SERVER_ENABLED" : "API_SERVER_KEY");
      if (!envKey.isEmpty()) {
        extra.put("key", envKey);
      }
      String cors = env("API_SERVER_CORS_ORIGINS").orElse("");
      if (!cors.isEmpty()) {
        extra.put("cors_origins", cors);
      }
      env("API_SERVER_PORT")
          .filter(p -> p.strip().matches("\\d+"))
          .ifPresent(p -> extra.put("port", p));
      String host = env("API_SERVER_HOST").orElse("");
      if (!host.isEmpty()) {
        extra.put("host", host);
        extra.put("_host_from", source("API_SERVER_HOST"));
      }
    }
    String host;
    String hostFrom;
    if (extra.containsKey("host")) {
      host = python(extra.get("host"));
      hostFrom = String.valueOf(extra.getOrDefault("_host_from", "config.yaml"));
    } else if (env("API_SERVER_HOST").isPresent()) {
      host = env("API_SERVER_HOST").get();
      hostFrom = source("API_SERVER_HOST");
    } else {
      host = DEFAULT_API_HOST;
      hostFrom = "default";
    }
    Object rawPort =
        extra.containsKey("port") ? extra.get("port") : env("API_SERVER_PORT").orElse(null);
    int port = DEFAULT_API_PORT;
    if (rawPort != null && python(rawPort).strip().matches("\\d{1,5}")) {
      port = Integer.parseInt(python(rawPort).strip());
    }
    String key =
        extra.containsKey("key") ? python(extra.get("key")) : env("API_SERVER_KEY").orElse("");
    Object cors =
        extra.containsKey("cors_origins")
            ? extra.get("cors_origins")
            : env("API_SERVER_CORS_ORIGINS").orElse("");
    return new ApiServer(enabled, from, host, hostFrom, port, key, corsList(cors));
  }

  /**
   * The API server as Hermes starts it.
   *
   * @param enabledBy where it was switched on: config.yaml, .env or container; "" when off
   * @param hostFrom where the host came from: config.yaml, .env, container or default
   */
  public record ApiServer(
      boolean enabled,
      String enabledBy,
      String host,
      String hostFrom,
      int port,
      String key,
      List<String> corsOrigins) {
    public ApiServer {
      corsOrigins = List.copyOf(corsOrigins);
    }
  }

  private static List<String> corsList(Object v) {
    if (v instanceof List<?> l) {
      return l.stream().map(HermesSettings::python).map(String::strip).toList();
    }
    return java.util.Arrays.stream(python(v).split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** {@code _coerce_bool} of gateway/config.py. */
  static boolean coerceBool(Object v, boolean fallback) {
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (HermesConfig.ruamelBool(v).orElse(false)) {
      return true; // bare y is True to current Hermes; an n stays whatever it was (off)
    }
    String s = python(v).strip().toLowerCase(Locale.ROOT);
    if (List.of("true", "1", "yes", "on").contains(s)) {
      return true;
    }
    if (List.of("false", "0", "no", "off").contains(s)) {
      return false;
    }
    return v instanceof Number n ? n.doubleValue() != 0 : fallback;
  }

  /** Python's {@code str()} of a YAML value: True/False/None spelled as Python does. */
  static String python(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(v);
  }
}
