package dev.hermesharden.fixes.approvals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.approvals.EnvRules;
import dev.hermesharden.checks.approvals.HermesView;
import dev.hermesharden.checks.docker.DockerFacts;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.DotEnvEditor;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesFiles;
import dev.hermesharden.system.hermes.HermesSettings;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code approvals.env}: one edit of {@code .env}. Comments out (never deletes) YOLO mode,
 * allow-all-users switches, {@code *_ALLOWED_USERS=*}, private URLs, a {@code *} CORS origin and a
 * {@code HERMES_REDACT_SECRETS} that is not on (setting it on when the container's says off); when
 * the API server is on, binds it to 127.0.0.1. It never invents an API key unless the admin
 * answered {@value #GENERATE_KEY}{@code =yes}: then a weak key is replaced by 48 random base64url
 * characters (see docs/decisions-approvals.md).
 *
 * <p>Caveat: a generated key appears in the plan's diff; hiding it on screen is the report's job.
 */
public final class ApprovalsEnvFix implements Fix {
  public static final String ID = "approvals.env";
  public static final String GENERATE_KEY = "approvals.generate-api-key";

  private final Supplier<String> keys;

  public ApprovalsEnvFix() {
    this(ApprovalsEnvFix::randomKey);
  }

  /** For tests: a fixed key source. */
  public ApprovalsEnvFix(Supplier<String> keys) {
    this.keys = keys;
  }

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    String home = Homes.require(host, ctx);
    String path = HermesFiles.env(home);
    Optional<String> before = host.readFile(path);
    String configPath = HermesFiles.config(home);
    HermesConfig config =
        host.readFile(configPath)
            .map(t -> HermesConfig.parse(configPath, t))
            .orElseGet(HermesConfig::empty);
    String text = before.orElse("");
    DockerFacts docker = DockerFacts.gather(host, ctx);
    Optional<ContainerState> container = docker.hermesContainers().stream().findFirst();
    Map<String, String> processEnv = container.map(ContainerState::environment).orElse(Map.of());
    String after =
        edit(
            text,
            config,
            processEnv,
            container,
            DockerFacts.privateCidr(ctx),
            ctx.answers().get(GENERATE_KEY).orElse("no").equals("yes"));
    if (after.equals(text)) {
      return Plan.nothing(ID);
    }
    FileAttrs attrs = before.isPresent() ? FileAttrs.KEEP : FileAttrs.mode(0600);
    return new Plan(ID, List.of(new WriteFile(path, before, after, attrs)));
  }

  String edit(String text, HermesConfig config, boolean generateKey) {
    return edit(text, config, Map.of(), Optional.empty(), Optional.empty(), generateKey);
  }

  /**
   * @param processEnv the container's environment: {@code .env} overrides it in Hermes, so a
   *     variable switched on there is switched off by a line in {@code .env}
   * @param container the running Hermes container: in its own (bridge) network the API bind is left
   *     alone — rewriting it to loopback would make the API unreachable even from the host; its
   *     published ports are the docker step's
   */
  String edit(
      String text,
      HermesConfig config,
      Map<String, String> processEnv,
      Optional<ContainerState> container,
      Optional<String> privateCidr,
      boolean generateKey) {
    String out = text;
    for (var e : DotEnv.parse(text).values().entrySet()) {
      String k = e.getKey();
      boolean risky =
          (k.equals("HERMES_YOLO_MODE")
                      || k.equals("HERMES_ALLOW_PRIVATE_URLS")
                      || k.endsWith("_ALLOW_ALL_USERS"))
                  && DotEnv.truthy(e.getValue())
              // the agent's own managed scope would override config.yaml (ConfigRules.mode)
              || (k.equals("HERMES_MANAGED_DIR") && !e.getValue().isBlank());
      if (risky || (k.endsWith("_ALLOWED_USERS") && EnvRules.starred(e.getValue()))) {
        out = DotEnvEditor.remove(out, k);
      }
    }
    java.util.function.Function<String, HermesView> view =
        t ->
            new HermesView(
                HermesSettings.of(config, DotEnv.parse(t), processEnv), container, privateCidr);
    if (view.apply(out).settings().yolo()) {
      out = DotEnvEditor.set(out, "HERMES_YOLO_MODE", "false"); // the container's env says on
    }
    // HERMES_REDACT_SECRETS beats security.redact_secrets (HermesSettings#redactSecrets): the
    // config fix alone left the check failing
    if (!view.apply(out).settings().redactEnvOn()) {
      out = DotEnvEditor.remove(out, HermesSettings.REDACT_VAR);
      if (!view.apply(out).settings().redactEnvOn()) {
        out = DotEnvEditor.set(out, HermesSettings.REDACT_VAR, "true"); // the container's env
      }
    }
    if (!EnvRules.apiOn(view.apply(out).settings())) {
      return out;
    }
    if (!view.apply(out).ownNetwork()
        && !EnvRules.apiHost(view.apply(out), Params.NONE).status().satisfied()) {
      out = DotEnvEditor.set(out, "API_SERVER_HOST", "127.0.0.1");
    }
    if (!EnvRules.apiCors(view.apply(out), Params.NONE).status().satisfied()
        && DotEnv.parse(out).get("API_SERVER_CORS_ORIGINS").isPresent()) {
      // an empty value would not help: Hermes applies the variable only when it is not empty
      out = DotEnvEditor.remove(out, "API_SERVER_CORS_ORIGINS");
    }
    if (generateKey && !EnvRules.apiKey(view.apply(out), Params.NONE).status().satisfied()) {
      out = DotEnvEditor.set(out, "API_SERVER_KEY", keys.get());
    }
    return out;
  }

  /** 36 random bytes as 48 base64url characters; drawn again on the rare look of a placeholder. */
  static String randomKey() {
    SecureRandom rnd = new SecureRandom();
    while (true) {
      byte[] b = new byte[36];
      rnd.nextBytes(b);
      String k = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      if (!EnvRules.placeholder(k)) {
        return k;
      }
    }
  }
}
