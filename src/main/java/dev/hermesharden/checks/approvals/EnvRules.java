package dev.hermesharden.checks.approvals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.HermesSettings;
import dev.hermesharden.system.net.BindAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pure rules over {@code .env} and the API server settings. Settings are combined as Hermes
 * does ({@link HermesSettings}). Reasons name variables, never values.
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

  private EnvRules() {}

  /** {@code HERMES_YOLO_MODE} in the environment Hermes sees: {@code .env} or the container's. */
  public static Verdict yolo(HermesView v, Params p) {
    return v.settings().yolo()
        ? Verdict.fail("reason.approvals.yolo-on", "HERMES_YOLO_MODE", where(v, "HERMES_YOLO_MODE"))
        : Verdict.pass("reason.approvals.yolo-off");
  }

  /** ".env" or the container's name, for a reason naming where a variable is set. */
  static String where(HermesView v, String var) {
    String s = v.settings().source(var);
    return s.equals("container")
        ? v.container().map(c -> "container " + c.name()).orElse("compose environment")
        : s;
  }

  /** No {@code *_ALLOW_ALL_USERS} that is on, no {@code *_ALLOWED_USERS} containing {@code *}. */
  public static Verdict openAccess(HermesView v, Params p) {
    List<String> open = new ArrayList<>();
    v.settings()
        .environment()
        .forEach(
            (k, val) -> {
              if (k.endsWith("_ALLOW_ALL_USERS") && DotEnv.truthy(val)) {
                open.add(k);
              } else if (k.endsWith("_ALLOWED_USERS") && starred(val)) {
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

  /** The API server is on as Hermes' gateway would start it ({@link HermesSettings#apiServer}). */
  public static boolean apiOn(HermesSettings s) {
    return s.apiServer().enabled();
  }

  public static Verdict apiKey(HermesView v, Params p) {
    HermesSettings.ApiServer api = v.settings().apiServer();
    if (!api.enabled()) {
      return Verdict.notApplicable("reason.approvals.api-off");
    }
    int min = p.integer("min-length", 32);
    String key = api.key();
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

  /**
   * Where the API server's bind takes effect. In a container with its own network (bridge) the bind
   * is inside that namespace: {@code 0.0.0.0} there is reached from outside only through the ports
   * Docker publishes, so the published addresses of the API port decide. Natively or with {@code
   * network_mode: host} the bind is on the host's interfaces and must be loopback (or the private
   * path).
   */
  public static Verdict apiHost(HermesView v, Params p) {
    HermesSettings.ApiServer api = v.settings().apiServer();
    if (!api.enabled()) {
      return Verdict.notApplicable("reason.approvals.api-off");
    }
    Verdict out;
    if (v.ownNetwork()) {
      ContainerState c = v.container().get();
      String port = api.port() + "/tcp";
      List<String> all = new ArrayList<>();
      List<String> open = new ArrayList<>();
      for (ContainerState.Binding b : c.bindings()) {
        if (b.containerPort().equals(port)) {
          all.add(b.label());
          if (b.isPublic(v.privateCidr())) {
            open.add(b.label());
          }
        }
      }
      if (!open.isEmpty()) {
        out =
            Verdict.fail(
                "reason.approvals.api-host-published",
                api.host(),
                c.name(),
                String.join(", ", open));
      } else if (all.isEmpty()) {
        out = Verdict.pass("reason.approvals.api-host-unpublished", api.host(), c.name(), port);
      } else {
        out =
            Verdict.pass(
                "reason.approvals.api-host-bridge", api.host(), c.name(), String.join(", ", all));
      }
      out = out.with("network", c.networkMode().isEmpty() ? "bridge" : c.networkMode());
    } else {
      out =
          BindAddress.isPublic(api.host(), v.privateCidr())
              ? Verdict.fail("reason.approvals.api-host-open", api.host(), api.hostFrom())
              : Verdict.pass("reason.approvals.api-host-loopback", api.host());
      out =
          out.with(
              "network",
              v.container().map(c -> "host (" + c.name() + ")").orElse("native (no container)"));
    }
    return out.with("host", api.host())
        .with("host.from", api.hostFrom())
        .with("port", String.valueOf(api.port()))
        .with("enabled.by", api.enabledBy());
  }

  public static Verdict apiCors(HermesView v, Params p) {
    HermesSettings.ApiServer api = v.settings().apiServer();
    if (!api.enabled()) {
      return Verdict.notApplicable("reason.approvals.api-off");
    }
    return api.corsOrigins().contains("*")
        ? Verdict.fail("reason.approvals.cors-any")
        : Verdict.pass("reason.approvals.cors-ok");
  }
}
