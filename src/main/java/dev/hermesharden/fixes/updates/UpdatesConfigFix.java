package dev.hermesharden.fixes.updates;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.fixes.approvals.Homes;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.ConfigEditRefusedException;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesConfigEditor;
import dev.hermesharden.system.hermes.HermesFiles;
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
    String home = Homes.require(host, ctx);
    String path = HermesFiles.config(home);
    Optional<String> before = host.readFile(path);
    String text = before.orElse("");
    String after = text;
    for (Map.Entry<String, Object> e : wanted(HermesConfig.parse(path, text), params).entrySet()) {
      try {
        after = HermesConfigEditor.set(after, e.getKey(), e.getValue());
      } catch (ConfigEditRefusedException ex) {
        throw ex.in(path);
      }
    }
    if (after.equals(text)) {
      return Plan.nothing(ID);
    }
    return new Plan(ID, List.of(new WriteFile(path, before, after, FileAttrs.KEEP)));
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
