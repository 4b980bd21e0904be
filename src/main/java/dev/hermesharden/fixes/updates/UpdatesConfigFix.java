package dev.hermesharden.fixes.updates;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.approvals.ConfigYamlKeys;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.HermesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code updates.config}: sets {@code updates.pre_update_backup} (param {@code backup}, default
 * {@code quick}) and {@code updates.backup_keep} (param {@code keep}, default 5) in {@code
 * config.yaml} where the checks would not accept them — through the same line editor and write as
 * {@code approvals.config}, so comments and order stay byte for byte.
 */
public final class UpdatesConfigFix implements Fix {
  public static final String ID = "updates.config";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    return ConfigYamlKeys.plan(ID, host, ctx, c -> wanted(c, params));
  }

  /** Only the keys whose current value {@code UpdatesRules} would not accept. */
  static Map<String, Object> wanted(HermesConfig c, Params p) {
    Map<String, Object> out = new LinkedHashMap<>();
    String backup =
        c.get("updates.pre_update_backup")
            .map(v -> v instanceof Boolean b ? (b ? "true" : "false") : v.toString().strip())
            .orElse("");
    if (!List.of("quick", "full", "true").contains(backup.toLowerCase(java.util.Locale.ROOT))) {
      out.put("updates.pre_update_backup", p.string("backup", "quick"));
    }
    int min = p.integer("min", 1);
    Optional<Object> keep = c.get("updates.backup_keep");
    String k = keep.map(v -> v.toString().strip()).orElse("");
    if (keep.isPresent()
        && (keep.get() instanceof Boolean
            || !k.matches("-?\\d{1,9}")
            || Integer.parseInt(k) < min)) {
      out.put("updates.backup_keep", p.integer("keep", 5));
    }
    return out;
  }
}
