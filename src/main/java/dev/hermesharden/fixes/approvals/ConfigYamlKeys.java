package dev.hermesharden.fixes.approvals;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.hermes.ConfigEditRefusedException;
import dev.hermesharden.system.hermes.HermesConfig;
import dev.hermesharden.system.hermes.HermesConfigEditor;
import dev.hermesharden.system.hermes.HermesFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one plan for fixes that set keys of Hermes' {@code config.yaml}: the keys {@code wanted}
 * names from the file's current settings are set with {@link HermesConfigEditor} (comments and
 * layout kept), and the result is one {@link WriteFile}, or nothing when nothing changes. An edit
 * the editor refuses (a flow mapping, an anchor …) fails the plan with its reason and the path.
 */
public final class ConfigYamlKeys {
  private ConfigYamlKeys() {}

  public static Plan plan(
      String fixId, Host host, StepContext ctx, Function<HermesConfig, Map<String, Object>> wanted)
      throws HostException {
    String path = HermesFiles.config(Homes.require(host, ctx));
    Optional<String> before = host.readFile(path);
    String text = before.orElse("");
    String after = text;
    for (Map.Entry<String, Object> e : wanted.apply(HermesConfig.parse(path, text)).entrySet()) {
      try {
        after = HermesConfigEditor.set(after, e.getKey(), e.getValue());
      } catch (ConfigEditRefusedException ex) {
        throw ex.in(path);
      }
    }
    if (after.equals(text)) {
      return Plan.nothing(fixId);
    }
    return new Plan(fixId, List.of(new WriteFile(path, before, after, FileAttrs.KEEP)));
  }
}
