package dev.hermesharden.fixes.approvals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesConfigEditor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code approvals.config}: one edit of {@code config.yaml} that sets every value the approvals
 * checks want and that is not already so. The values come from the fix's params in the step file
 * (an answers file can change them). Comments and layout are kept by {@link HermesConfigEditor}.
 *
 * <p>Caveat: when the editor refuses (a flow mapping, an anchor …), planning fails with the
 * editor's reason instead of rewriting the file some other way.
 */
public final class ApprovalsConfigFix implements Fix {
  public static final String ID = "approvals.config";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    return ConfigYamlKeys.plan(ID, host, ctx, c -> wanted(c, params));
  }

  /** Only the keys whose current (defaulted) value the checks would not accept. */
  static Map<String, Object> wanted(HermesConfig c, Params p) {
    Map<String, Object> out = new LinkedHashMap<>();
    String mode = p.string("mode", "manual");
    if (!c.approvalsMode().equals(mode)) {
      out.put("approvals.mode", mode);
    }
    String cron = p.string("cron_mode", "deny");
    if (!c.cronMode().orElse("").equals(cron)) {
      out.put("approvals.cron_mode", cron);
    }
    if (!c.redactSecrets()) {
      out.put("security.redact_secrets", true);
    }
    if (!c.websiteBlocklistEnabled()) {
      out.put("security.website_blocklist.enabled", true);
    }
    if (c.allowPrivateUrls()) {
      out.put("security.allow_private_urls", false);
    }
    if (c.browserAllowPrivateUrls()) {
      out.put("browser.allow_private_urls", false); // the legacy key Hermes still reads
    }
    String backend = p.string("backend", "docker");
    if (!c.terminalBackend().equals(backend)) {
      out.put("terminal.backend", backend);
    }
    if (!c.dockerForwardEnv().isEmpty()) {
      out.put("terminal.docker_forward_env", List.of());
    }
    double maxCpu = Double.parseDouble(p.string("max-cpu", "2"));
    Optional<Double> cpu = c.containerCpu();
    if (cpu.isEmpty() || cpu.get() <= 0 || cpu.get() > maxCpu) {
      out.put("terminal.container_cpu", number(p.string("container_cpu", "1")));
    }
    Optional<Double> mem = c.containerMemoryMb();
    if (mem.isEmpty() || mem.get() <= 0) {
      out.put("terminal.container_memory", number(p.string("container_memory", "5120")));
    }
    // a ${VAR} value is whatever Hermes' environment says (the agent writes .env): written out
    Map<String, Object> literal = new LinkedHashMap<>();
    literal.put("approvals.mode", mode);
    literal.put("approvals.cron_mode", cron);
    literal.put("security.redact_secrets", true);
    literal.put("security.website_blocklist.enabled", true);
    literal.put("security.allow_private_urls", false);
    literal.put("terminal.backend", backend);
    literal.put("terminal.container_cpu", number(p.string("container_cpu", "1")));
    literal.put("terminal.container_memory", number(p.string("container_memory", "5120")));
    literal.forEach(
        (key, value) -> {
          if (c.get(key).orElse(null) instanceof String s && s.contains("${")) {
            out.putIfAbsent(key, value);
          }
        });
    return out;
  }

  private static Object number(String s) {
    try {
      return Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return Double.valueOf(s.strip());
    }
  }
}
