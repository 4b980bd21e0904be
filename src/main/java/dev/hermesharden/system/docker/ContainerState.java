package dev.hermesharden.system.docker;

import java.util.List;
import java.util.Map;

/**
 * What {@code docker inspect} says about one container's exposure and privileges.
 *
 * @param name without Docker's leading {@code /}
 * @param bindings the host side of each published port (from {@code NetworkSettings.Ports})
 * @param mounts host source to container destination of each mount
 * @param labels container labels, e.g. {@code com.docker.compose.project.config_files}
 */
public record ContainerState(
    String id,
    String name,
    String image,
    boolean running,
    boolean privileged,
    String networkMode,
    List<Binding> bindings,
    List<Mount> mounts,
    Map<String, String> labels) {

  /** One published port: {@code "8642/tcp":[{"HostIp":"0.0.0.0","HostPort":"8642"}]}. */
  public record Binding(String containerPort, String hostIp, String hostPort) {
    /** Reachable from every network: no address or a wildcard one. */
    public boolean isPublic() {
      return hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::");
    }

    public String label() {
      String ip = hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
      return ip + ":" + hostPort + "->" + containerPort;
    }
  }

  /** One mount: {@code {"Type":"bind","Source":"/var/run/docker.sock","Destination":…}}. */
  public record Mount(String type, String source, String destination) {}

  public ContainerState {
    bindings = List.copyOf(bindings);
    mounts = List.copyOf(mounts);
    labels = Map.copyOf(labels);
  }

  /** The compose files that created it, from compose's label. */
  public List<String> composeFiles() {
    String files = labels.getOrDefault("com.docker.compose.project.config_files", "");
    return files.isEmpty() ? List.of() : List.of(files.split(","));
  }

  public boolean hostNetwork() {
    return networkMode.equals("host");
  }
}
