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
 * @param env {@code Config.Env}: what the process in the container really gets ({@code KEY=VALUE})
 * @param command {@code Config.Entrypoint} followed by {@code Config.Cmd}
 * @param confinement the confinement Docker applied when it created the container ({@code
 *     HostConfig.SecurityOpt}, {@code CapDrop}, {@code NanoCpus}/{@code CpuQuota}, {@code Memory},
 *     {@code LogConfig}), in the shape a compose service writes it: what the process really runs
 *     under, whatever the compose file says today
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
    Map<String, String> labels,
    List<String> env,
    List<String> command,
    Confinement confinement) {

  /** One published port: {@code "8642/tcp":[{"HostIp":"0.0.0.0","HostPort":"8642"}]}. */
  public record Binding(String containerPort, String hostIp, String hostPort) {
    /** Reachable from outside: any host address that is not loopback. */
    public boolean isPublic() {
      return isPublic(java.util.Optional.empty());
    }

    /** {@link #isPublic()}, but an address inside {@code privateCidr} (the tailnet) is private. */
    public boolean isPublic(java.util.Optional<String> privateCidr) {
      return dev.hermesharden.system.net.BindAddress.isPublic(hostIp, privateCidr);
    }

    public String label() {
      String ip = hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
      return ip + ":" + hostPort + "->" + containerPort;
    }
  }

  /**
   * One mount: {@code {"Type":"bind","Source":"/var/run/docker.sock","Destination":…}}; {@code
   * name} is a volume's name (its options can bind it anywhere: {@code docker volume inspect}).
   */
  public record Mount(String type, String source, String destination, String name) {
    public Mount(String type, String source, String destination) {
      this(type, source, destination, "");
    }
  }

  public ContainerState {
    bindings = List.copyOf(bindings);
    mounts = List.copyOf(mounts);
    labels = Map.copyOf(labels);
    env = List.copyOf(env);
    command = List.copyOf(command);
  }

  /**
   * This container as it is reached through the network namespace it joins ({@code NetworkMode}
   * {@code container:…}): {@code owner}'s published ports and network mode are its own.
   */
  public ContainerState inNetworkOf(ContainerState owner) {
    return new ContainerState(
        id,
        name,
        image,
        running,
        privileged,
        owner.networkMode(),
        owner.bindings(),
        mounts,
        labels,
        env,
        command,
        confinement);
  }

  /** A container whose environment, command and confinement are not known (fixtures). */
  public ContainerState(
      String id,
      String name,
      String image,
      boolean running,
      boolean privileged,
      String networkMode,
      List<Binding> bindings,
      List<Mount> mounts,
      Map<String, String> labels) {
    this(
        id,
        name,
        image,
        running,
        privileged,
        networkMode,
        bindings,
        mounts,
        labels,
        List.of(),
        List.of(),
        Confinement.NONE);
  }

  /** {@code Config.Env} as a map; for a name set twice the last wins, as in Docker. */
  public Map<String, String> environment() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String kv : env) {
      int eq = kv.indexOf('=');
      out.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    return out;
  }

  /**
   * The compose files that created it, from the labels docker-compose v1 and v2 both set ({@code
   * com.docker.compose.project.config_files}, relative names against {@code …working_dir}).
   */
  public List<String> composeFiles() {
    String files = labels.getOrDefault("com.docker.compose.project.config_files", "");
    String dir = labels.getOrDefault("com.docker.compose.project.working_dir", "");
    List<String> out = new java.util.ArrayList<>();
    for (String f : files.split(",")) {
      String p = f.strip();
      if (p.isEmpty()) {
        continue;
      }
      out.add(p.startsWith("/") || dir.isEmpty() ? p : dir.replaceFirst("/$", "") + "/" + p);
    }
    return out;
  }

  /** The mount at a path inside the container, if any. */
  public java.util.Optional<Mount> mountAt(String destination) {
    String d = destination.replaceFirst("(.)/+$", "$1");
    return mounts.stream()
        .filter(m -> m.destination().replaceFirst("(.)/+$", "$1").equals(d))
        .findFirst();
  }

  public boolean hostNetwork() {
    return networkMode.equals("host");
  }
}
