package dev.hermesharden.system.compose;

import dev.hermesharden.system.docker.Confinement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads what a compose service says about its confinement, as written: {@code security_opt}, {@code
 * cap_drop}, CPU and memory limits ({@code cpus}/{@code mem_limit} or {@code
 * deploy.resources.limits}), and its {@code logging} driver and options.
 */
final class ComposeHardening {
  private ComposeHardening() {}

  static Confinement of(Map<String, NodeTuple> service) {
    Map<String, NodeTuple> limits =
        YamlNodes.entries(
            YamlNodes.value(
                YamlNodes.entries(
                    YamlNodes.value(
                        YamlNodes.entries(YamlNodes.value(service, "deploy")), "resources")),
                "limits"));
    String cpus = YamlNodes.text(YamlNodes.value(service, "cpus"));
    if (cpus.isBlank()) {
      cpus = YamlNodes.text(YamlNodes.value(limits, "cpus"));
    }
    String memory = YamlNodes.text(YamlNodes.value(service, "mem_limit"));
    if (memory.isBlank()) {
      memory = YamlNodes.text(YamlNodes.value(limits, "memory"));
    }
    Map<String, NodeTuple> logging = YamlNodes.entries(YamlNodes.value(service, "logging"));
    Map<String, String> options = new LinkedHashMap<>();
    YamlNodes.entries(YamlNodes.value(logging, "options"))
        .forEach((k, t) -> options.put(k, YamlNodes.text(t.getValueNode())));
    return new Confinement(
        texts(YamlNodes.value(service, "security_opt")),
        texts(YamlNodes.value(service, "cap_drop")),
        cpus.strip(),
        memory.strip(),
        YamlNodes.text(YamlNodes.value(logging, "driver")).strip(),
        options);
  }

  private static List<String> texts(Node n) {
    List<String> out = new ArrayList<>();
    YamlNodes.items(n).forEach(i -> out.add(YamlNodes.text(i).strip()));
    return out;
  }
}
