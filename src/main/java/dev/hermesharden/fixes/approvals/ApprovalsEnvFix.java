package dev.hermesharden.fixes.approvals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.approvals.EnvRules;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.DotEnv;
import dev.hermesharden.system.hermes.DotEnvEditor;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesFiles;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code approvals.env}: one edit of {@code .env}. Comments out (never deletes) YOLO mode,
 * allow-all-users switches, {@code *_ALLOWED_USERS=*}, private URLs and a {@code *} CORS origin;
 * when the API server is on, binds it to 127.0.0.1. It never invents an API key unless the admin
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
    String after = edit(text, config, ctx.answers().get(GENERATE_KEY).orElse("no").equals("yes"));
    if (after.equals(text)) {
      return Plan.nothing(ID);
    }
    FileAttrs attrs = before.isPresent() ? FileAttrs.KEEP : FileAttrs.mode(0600);
    return new Plan(ID, List.of(new WriteFile(path, before, after, attrs)));
  }

  String edit(String text, HermesConfig config, boolean generateKey) {
    String out = text;
    for (var e : DotEnv.parse(text).values().entrySet()) {
      String k = e.getKey();
      boolean risky =
          (k.equals("HERMES_YOLO_MODE")
                  || k.equals("HERMES_ALLOW_PRIVATE_URLS")
                  || k.endsWith("_ALLOW_ALL_USERS"))
              && DotEnv.truthy(e.getValue());
      if (risky || (k.endsWith("_ALLOWED_USERS") && EnvRules.starred(e.getValue()))) {
        out = DotEnvEditor.remove(out, k);
      }
    }
    DotEnv env = DotEnv.parse(out);
    if (!EnvRules.apiOn(config, env)) {
      return out;
    }
    if (!EnvRules.apiHost(config, env, Params.NONE).status().satisfied()) {
      out = DotEnvEditor.set(out, "API_SERVER_HOST", "127.0.0.1");
    }
    if (!EnvRules.apiCors(config, DotEnv.parse(out), Params.NONE).status().satisfied()) {
      out = DotEnvEditor.remove(out, "API_SERVER_CORS_ORIGINS");
      if (!EnvRules.apiCors(config, DotEnv.parse(out), Params.NONE).status().satisfied()) {
        out = DotEnvEditor.set(out, "API_SERVER_CORS_ORIGINS", ""); // config.yaml says *; env wins
      }
    }
    if (generateKey
        && !EnvRules.apiKey(config, DotEnv.parse(out), Params.NONE).status().satisfied()) {
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
