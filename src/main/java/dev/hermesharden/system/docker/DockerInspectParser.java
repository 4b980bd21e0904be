package dev.hermesharden.system.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON array {@code docker inspect ID…} prints, and the one-object-per-line output of
 * {@code docker ps --format '{{json .}}'}.
 *
 * <p>Caveat: a container with {@code network_mode: host} publishes nothing; its listeners only show
 * in {@code ss}.
 */
public final class DockerInspectParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerInspectParser() {}

  /**
   * @throws IllegalArgumentException when the text is not inspect's JSON array
   */
  public static List<ContainerState> parseInspect(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json.isBlank() ? "[]" : json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not docker inspect output: " + e.getMessage(), e);
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("docker inspect output is not an array");
    }
    List<ContainerState> out = new ArrayList<>();
    for (JsonNode c : root) {
      List<ContainerState.Binding> bindings = new ArrayList<>();
      for (Map.Entry<String, JsonNode> p : c.path("NetworkSettings").path("Ports").properties()) {
        for (JsonNode b : p.getValue()) { // null (exposed, not published) iterates as empty
          bindings.add(
              new ContainerState.Binding(
                  p.getKey(), b.path("HostIp").asText(""), b.path("HostPort").asText("")));
        }
      }
      List<ContainerState.Mount> mounts = new ArrayList<>();
      for (JsonNode m : c.path("Mounts")) {
        mounts.add(
            new ContainerState.Mount(
                m.path("Type").asText(""),
                m.path("Source").asText(""),
                m.path("Destination").asText(""),
                m.path("Name").asText("")));
      }
      Map<String, String> labels = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : c.path("Config").path("Labels").properties()) {
        labels.put(e.getKey(), e.getValue().asText(""));
      }
      List<String> env = new ArrayList<>();
      c.path("Config").path("Env").forEach(e -> env.add(e.asText("")));
      List<String> command = new ArrayList<>();
      c.path("Config").path("Entrypoint").forEach(e -> command.add(e.asText("")));
      c.path("Config").path("Cmd").forEach(e -> command.add(e.asText("")));
      out.add(
          new ContainerState(
              c.path("Id").asText(""),
              c.path("Name").asText("").replaceFirst("^/", ""),
              c.path("Config").path("Image").asText(""),
              c.path("State").path("Running").asBoolean(false),
              c.path("HostConfig").path("Privileged").asBoolean(false),
              c.path("HostConfig").path("NetworkMode").asText(""),
              bindings,
              mounts,
              labels,
              env,
              command,
              confinement(c.path("HostConfig"))));
    }
    return out;
  }

  /**
   * The confinement in {@code HostConfig}, written as a compose service would write it: CPUs as a
   * decimal ({@code NanoCpus}, else {@code CpuQuota}/{@code CpuPeriod}), memory in bytes, "" for no
   * limit. Docker fills {@code LogConfig} in from the daemon's defaults when it creates the
   * container, so the driver here is the one in force.
   */
  static Confinement confinement(JsonNode hc) {
    List<String> securityOpt = new ArrayList<>();
    hc.path("SecurityOpt").forEach(o -> securityOpt.add(o.asText("")));
    List<String> capDrop = new ArrayList<>();
    hc.path("CapDrop").forEach(o -> capDrop.add(o.asText("")));
    long nano = hc.path("NanoCpus").asLong(0);
    long quota = hc.path("CpuQuota").asLong(0);
    long period = hc.path("CpuPeriod").asLong(0);
    String cpus =
        nano > 0
            ? decimal(nano, 1_000_000_000L)
            : quota > 0 ? decimal(quota, period > 0 ? period : 100_000L) : "";
    long memory = hc.path("Memory").asLong(0);
    Map<String, String> logOptions = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : hc.path("LogConfig").path("Config").properties()) {
      logOptions.put(e.getKey(), e.getValue().asText(""));
    }
    return new Confinement(
        securityOpt,
        capDrop,
        cpus,
        memory > 0 ? Long.toString(memory) : "",
        hc.path("LogConfig").path("Type").asText(""),
        logOptions);
  }

  private static String decimal(long value, long unit) {
    return java.math.BigDecimal.valueOf(value)
        .divide(java.math.BigDecimal.valueOf(unit), 3, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** Container ids from {@code docker ps --format '{{json .}}'} (one JSON object a line). */
  public static List<String> parsePsIds(String out) {
    List<String> ids = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        String id = JSON.readTree(line).path("ID").asText("");
        if (!id.isEmpty()) {
          ids.add(id);
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("not docker ps JSON: " + line, e);
      }
    }
    return ids;
  }
}
