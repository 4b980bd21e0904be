package dev.hermesharden.system.hermes;

import dev.hermesharden.host.Host;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.system.compose.YamlPlain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Hermes' {@code config.yaml} as loaded maps, with typed getters that apply Hermes' own defaults
 * (design §9) where a key is absent.
 *
 * <p>Caveat: YAML 1.1 (SnakeYAML here, PyYAML in Hermes) reads an unquoted {@code off} as the
 * boolean false, so {@code approvals.mode: off} arrives as {@code false}; {@link #approvalsMode()}
 * maps it back to {@code "off"} as Hermes does.
 */
public final class HermesConfig {
  private final Map<String, Object> root;

  /** The dotted path of the first key the text writes twice, "" when none. */
  private final String repeatedKey;

  /** The last {@link #expanded} answer and the environment it was for. */
  private record Expansion(Map<String, String> env, HermesConfig config) {}

  private volatile Expansion lastExpansion;

  private HermesConfig(Map<String, Object> root) {
    this(root, "");
  }

  private HermesConfig(Map<String, Object> root, String repeatedKey) {
    this.root = root;
    this.repeatedKey = repeatedKey;
  }

  /**
   * The name of {@link #document}'s parse for {@link Host#parsed}: the approvals, literal-secrets
   * and watch checks read one parse of config.yaml per run.
   */
  public static final String KIND = "hermes-config";

  /** An absent config.yaml: every getter returns Hermes' default. */
  public static HermesConfig empty() {
    return new HermesConfig(Map.of());
  }

  /** {@link #parse(String, String)} for a text whose path does not matter (fixtures). */
  public static HermesConfig parse(String text) {
    return parse("config.yaml", text);
  }

  /**
   * @param file where the text came from, for the error
   * @throws BadInputException when the text is not YAML or its top level is not a mapping
   */
  public static HermesConfig parse(String file, String text) {
    return of(file, loaded(file, text));
  }

  /**
   * The text loaded, whatever its top level (null for an empty document).
   *
   * @param file where the text came from, for the error
   * @throws BadInputException when the text is not YAML
   */
  public static Object document(String file, String text) {
    return loaded(file, text).document();
  }

  /** The text loaded, with the first key it writes twice noted in the same pass. */
  private static YamlPlain.Loaded loaded(String file, String text) {
    try {
      return YamlPlain.loaded(text);
    } catch (YAMLException e) {
      throw BadInputException.yaml(file, e);
    }
  }

  /** {@link #loaded(String, String)} kept by the host for its run. */
  private static YamlPlain.Loaded loaded(Host host, String file, String text) {
    return host.parsed(KIND, file, text, t -> loaded(file, t));
  }

  /**
   * {@link #document(String, String)} of a text read from {@code host}, kept by the host for its
   * run ({@link Host#parsed}): every check that reads config.yaml shares one SnakeYAML pass.
   *
   * @throws BadInputException when the text is not YAML (kept and thrown again, like the parse)
   */
  public static Object document(Host host, String file, String text) {
    return loaded(host, file, text).document();
  }

  /**
   * The config of {@code text} read from {@code host}: one instance per run ({@link Host#parsed}),
   * so that every approvals check of the run shares its {@link #expanded} answer too.
   *
   * @throws BadInputException when the text is not YAML or its top level is not a mapping
   */
  public static HermesConfig of(Host host, String file, String text) {
    return host.parsed(KIND + "-mapping", file, text, t -> of(file, loaded(host, file, t)));
  }

  private static HermesConfig of(String file, YamlPlain.Loaded loaded) {
    HermesConfig c = of(file, loaded.document());
    return loaded.repeatedKey().map(k -> new HermesConfig(c.root, k)).orElse(c);
  }

  /**
   * The config of a loaded {@link #document}.
   *
   * @throws BadInputException when its top level is not a mapping
   */
  @SuppressWarnings("unchecked")
  public static HermesConfig of(String file, Object doc) {
    if (doc == null) {
      return empty();
    }
    if (!(doc instanceof Map<?, ?> m)) {
      throw new BadInputException(file, 1, "", "reason.input.not-mapping");
    }
    return new HermesConfig((Map<String, Object>) m);
  }

  /**
   * The dotted path of the first key the text writes twice, empty when none. Current Hermes loads
   * config.yaml with ruamel, which refuses a repeated key ({@code hermes_yaml.py}); {@code
   * load_config} then serves the last config that parsed, else its defaults, not what {@link
   * #parse} reads (the last repeat wins, as in PyYAML). Noted in the one parse of the text.
   */
  public Optional<String> repeatedKey() {
    return repeatedKey.isEmpty() ? Optional.empty() : Optional.of(repeatedKey);
  }

  /** A safe load (plain maps, lists and scalars only; no classes are constructed). */
  static Object load(String text) {
    return YamlPlain.load(text);
  }

  /** Hermes' {@code _ENV_REF_RE}: a {@code ${...}} reference in a string value. */
  private static final Pattern ENV_REF = Pattern.compile("\\$\\{([^}]+)}");

  /** Hermes' {@code _is_non_env_secret_ref}: {@code vault:NAME} and the like stay as written. */
  private static final Pattern OTHER_SOURCE = Pattern.compile("^[a-z][a-z0-9_-]*:");

  /**
   * This config as Hermes' {@code load_config} hands it on: every {@code ${VAR}} and {@code
   * ${env:VAR}} in a string value replaced by the variable of {@code env} (Hermes' environment
   * after {@code .env} is loaded), a reference to an unset variable or to another secret source
   * ({@code ${vault:X}}) left as written ({@code _expand_env_vars}). Keys and non-strings are
   * untouched. {@code approvals.mode: ${MODE}} with {@code MODE=off} in {@code .env} is YOLO.
   */
  @SuppressWarnings("unchecked")
  public HermesConfig expanded(Map<String, String> env) {
    Expansion last = lastExpansion;
    if (last != null && last.env().equals(env)) {
      return last.config(); // the run's other checks: the same config, the same environment
    }
    Object out = expand(root, env);
    HermesConfig config =
        out == root ? this : new HermesConfig((Map<String, Object>) out, repeatedKey);
    lastExpansion = new Expansion(new HashMap<>(env), config);
    return config;
  }

  /**
   * {@code node} with its references replaced; the very same object when it holds none, so a 5 MB
   * config without one is walked, not copied, by each check that asks (the audit-scale benchmark:
   * 2.2x -> 4.2x the 1x audit while every check copied it).
   */
  private static Object expand(Object node, Map<String, String> env) {
    if (node instanceof String s) {
      if (!s.contains("${")) {
        return s;
      }
      Matcher m = ENV_REF.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(resolve(m.group(0), m.group(1), env)));
      }
      m.appendTail(sb);
      String out = sb.toString();
      return out.equals(s) ? s : out;
    }
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> out = null;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object v = expand(e.getValue(), env);
        if (out == null && v != e.getValue()) {
          out = new LinkedHashMap<>(map);
        }
        if (out != null) {
          out.put(e.getKey(), v);
        }
      }
      return out == null ? map : out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = null;
      for (int i = 0; i < list.size(); i++) {
        Object v = expand(list.get(i), env);
        if (out == null && v != list.get(i)) {
          out = new ArrayList<>(list);
        }
        if (out != null) {
          out.set(i, v);
        }
      }
      return out == null ? list : out;
    }
    return node;
  }

  /** {@code _env_expand_match}. */
  private static String resolve(String raw, String body, Map<String, String> env) {
    String inner = body.strip();
    String name;
    if (inner.startsWith("env:")) {
      name = inner.substring(4).strip();
    } else if (OTHER_SOURCE.matcher(inner).find()) {
      return raw;
    } else {
      name = inner;
    }
    String v = name.isEmpty() ? null : env.get(name);
    return v == null ? raw : v;
  }

  /** The raw value at a dotted path, empty when any part is absent or null. */
  public Optional<Object> get(String dottedPath) {
    Object node = root;
    for (String part : dottedPath.split("\\.")) {
      if (!(node instanceof Map<?, ?> m)) {
        return Optional.empty();
      }
      node = m.get(part);
    }
    return Optional.ofNullable(node);
  }

  /** Whether the dotted path is written in the file, even with an empty (null) value. */
  public boolean present(String dottedPath) {
    Object node = root;
    String[] parts = dottedPath.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      if (!(node instanceof Map<?, ?> m) || !m.containsKey(parts[i])) {
        return false;
      }
      node = m.get(parts[i]);
    }
    return true;
  }

  /** smart (default) | manual | off; an unquoted {@code off}/{@code false} reads as "off". */
  public String approvalsMode() {
    return get("approvals.mode").map(HermesConfig::word).orElse("smart");
  }

  /** deny | approve, empty when not set (the check then asks for it explicitly). */
  public Optional<String> cronMode() {
    return get("approvals.cron_mode").map(HermesConfig::word);
  }

  /** Permanent "always" approvals, for the admin to review. */
  public List<String> commandAllowlist() {
    return strings(get("command_allowlist").orElse(List.of()));
  }

  /**
   * {@code security.redact_secrets} as {@code hermes_cli/main.py} bridges it into {@code
   * HERMES_REDACT_SECRETS}: {@code str(value).lower()} (no strip) must be 1/true/yes/on, so a
   * quoted {@code " true"} or an unexpanded {@code ${VAR}} is off. Absent or null: on. Read this on
   * the file's own text: the bridge reads it raw.
   */
  public boolean redactSecrets() {
    return get("security.redact_secrets").map(HermesSettings::redactOn).orElse(true);
  }

  /**
   * {@code security.allow_private_urls} as {@code tools/url_safety.py} reads it ({@code
   * is_truthy_value}): a string is on when it is 1/true/yes/on, any other value when Python's
   * {@code bool()} of it is ({@code 2}, {@code [x]}).
   */
  public boolean allowPrivateUrls() {
    return truthyValue(get("security.allow_private_urls").orElse(null));
  }

  /** The legacy {@code browser.allow_private_urls}, which Hermes still honours after security's. */
  public boolean browserAllowPrivateUrls() {
    return truthyValue(get("browser.allow_private_urls").orElse(null));
  }

  /**
   * What current Hermes loads for a scalar SnakeYAML (and PyYAML) read as a string: ruamel's YAML
   * 1.1 resolver, which {@code hermes_yaml.py} uses, also makes {@code y/Y} true and {@code n/N}
   * false. Readers take the worse of the two readings; a quoted {@code "n"} is counted too (the
   * loaded value no longer says it was quoted), a false alarm at worst.
   */
  static Optional<Boolean> ruamelBool(Object v) {
    if (v instanceof String s && s.length() == 1 && "yYnN".contains(s)) {
      return Optional.of(s.equalsIgnoreCase("y"));
    }
    return Optional.empty();
  }

  /** Hermes' {@code utils.is_truthy_value} with {@code default=False}. */
  static boolean truthyValue(Object v) {
    if (v == null) {
      return false;
    }
    if (ruamelBool(v).orElse(false)) {
      return true;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return List.of("1", "true", "yes", "on").contains(s.strip().toLowerCase(Locale.ROOT));
    }
    return pythonTrue(v);
  }

  /**
   * The website blocklist is on as {@code tools/website_policy.py} reads it: {@code enabled} is the
   * YAML boolean true (a string or number raises WebsitePolicyError there) and nothing else in the
   * section is refused ({@link #websiteBlocklistRefused}).
   */
  public boolean websiteBlocklistEnabled() {
    return Boolean.TRUE.equals(get("security.website_blocklist.enabled").orElse(null))
        && websiteBlocklistRefused().isEmpty();
  }

  /**
   * The first part of the blocklist that {@code load_website_blocklist} refuses, which makes {@code
   * check_website_access} fail open (block nothing): {@code security} or {@code website_blocklist}
   * not a mapping, {@code domains} or {@code shared_files} not a list (Python's {@code value or []}
   * lets an empty value through), {@code enabled} written but not a boolean.
   */
  public Optional<String> websiteBlocklistRefused() {
    String base = "security.website_blocklist";
    for (String path : List.of("security", base)) {
      Object v = get(path).orElse(null);
      if (v != null && !(v instanceof Map<?, ?>)) {
        return Optional.of(path);
      }
    }
    for (String field : List.of("domains", "shared_files")) {
      Object v = get(base + "." + field).orElse(null);
      if (!(v instanceof List<?>) && pythonTrue(v)) {
        return Optional.of(base + "." + field);
      }
    }
    if (present(base + ".enabled") && !(get(base + ".enabled").orElse(null) instanceof Boolean)) {
      return Optional.of(base + ".enabled");
    }
    return Optional.empty();
  }

  /** Python's {@code bool()} of a YAML value. */
  private static boolean pythonTrue(Object v) {
    if (v == null || v instanceof Boolean b && !b || "".equals(v)) {
      return false;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof java.util.Collection<?> c) {
      return !c.isEmpty();
    }
    return !(v instanceof Map<?, ?> m) || !m.isEmpty();
  }

  public String terminalBackend() {
    return get("terminal.backend").map(HermesConfig::word).orElse("local");
  }

  public List<String> dockerForwardEnv() {
    return strings(get("terminal.docker_forward_env").orElse(List.of()));
  }

  /** CPU cores for the sandbox container; Hermes' default is 1. Empty when not a number. */
  public Optional<Double> containerCpu() {
    return number("terminal.container_cpu", 1);
  }

  /** Memory in MB; Hermes' default is 5120. Empty when not a number. */
  public Optional<Double> containerMemoryMb() {
    return number("terminal.container_memory", 5120);
  }

  /** Disk in MB; Hermes' default is 51200. Empty when not a number. */
  public Optional<Double> containerDiskMb() {
    return number("terminal.container_disk", 51200);
  }

  private boolean bool(String path, boolean fallback) {
    Optional<Object> v = get(path);
    if (v.isEmpty()) {
      return fallback;
    }
    if (v.get() instanceof Boolean b) {
      return b;
    }
    String s = v.get().toString().strip().toLowerCase(Locale.ROOT);
    return s.equals("true") || s.equals("yes") || s.equals("on") || s.equals("1");
  }

  private Optional<Double> number(String path, double fallback) {
    Optional<Object> v = get(path);
    return v.isEmpty() ? Optional.of(fallback) : number(v.get());
  }

  /** A YAML number, or a text that reads as one (an environment variable's); empty otherwise. */
  static Optional<Double> number(Object v) {
    if (v instanceof Number n) {
      return Optional.of(n.doubleValue());
    }
    try {
      return Optional.of(Double.parseDouble(v.toString().strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String word(Object v) {
    if (v instanceof Boolean b) {
      return b ? "on" : "off";
    }
    return v.toString().strip().toLowerCase(Locale.ROOT);
  }

  static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(e -> out.add(String.valueOf(e)));
    } else if (v != null && !v.toString().isBlank()) {
      out.add(v.toString());
    }
    return out;
  }
}
