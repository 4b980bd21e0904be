package dev.hermesharden.checks.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.checks.docker.DockerFacts;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.docker.ContainerState;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the container kinds judge: the docker step's facts (Hermes compose services and running
 * containers, {@link DockerFacts}), the daemon's default log options from {@code
 * /etc/docker/daemon.json}, and whether the daemon runs rootless ({@code docker info}'s security
 * options say {@code name=rootless}).
 *
 * @param daemonLogDriver {@code log-driver} in daemon.json, "" when unset (Docker's default is
 *     json-file, which does not rotate)
 * @param volumeDevices the host directory a Hermes container's volume really is, by volume name:
 *     the local driver's {@code o=bind} with {@code device=…} ({@code docker volume inspect})
 * @param swappableSources host paths a running Hermes container binds (or a bound volume's device)
 *     whose name an account other than root can change ({@link PathTrust}): Docker follows a link
 *     there at the container's next start, and {@code docker inspect} still shows the name
 */
public record ContainerFacts(
    DockerFacts docker,
    String daemonLogDriver,
    Map<String, String> daemonLogOpts,
    boolean rootless,
    Map<String, String> volumeDevices,
    Set<String> swappableSources) {
  public ContainerFacts(
      DockerFacts docker,
      String daemonLogDriver,
      Map<String, String> daemonLogOpts,
      boolean rootless) {
    this(docker, daemonLogDriver, daemonLogOpts, rootless, Map.of());
  }

  public ContainerFacts(
      DockerFacts docker,
      String daemonLogDriver,
      Map<String, String> daemonLogOpts,
      boolean rootless,
      Map<String, String> volumeDevices) {
    this(docker, daemonLogDriver, daemonLogOpts, rootless, volumeDevices, Set.of());
  }

  public static final String DAEMON_JSON = "/etc/docker/daemon.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public ContainerFacts {
    daemonLogOpts = Map.copyOf(daemonLogOpts);
    volumeDevices = Map.copyOf(volumeDevices);
    swappableSources = Set.copyOf(swappableSources);
  }

  public static ContainerFacts gather(Host host, StepContext ctx) throws HostException {
    DockerFacts docker = DockerFacts.gather(host, ctx);
    Optional<String> daemon = host.readFile(DAEMON_JSON);
    String driver = "";
    Map<String, String> opts = new LinkedHashMap<>();
    if (daemon.isPresent()) {
      try {
        JsonNode root = JSON.readTree(daemon.get());
        driver = root.path("log-driver").asText("");
        root.path("log-opts")
            .fields()
            .forEachRemaining(e -> opts.put(e.getKey(), e.getValue().asText()));
      } catch (java.io.IOException e) {
        // not JSON: dockerd itself refuses to start with it; judged as no daemon defaults
      }
    }
    ExecResult info = host.exec("docker", "info", "--format", "{{json .SecurityOptions}}");
    boolean rootless = info.ok() && info.stdout().contains("name=rootless");
    Map<String, String> devices = volumeDevices(host, docker);
    return new ContainerFacts(
        docker, driver, opts, rootless, devices, swappable(host, docker, devices));
  }

  /**
   * The bind sources of running Hermes containers whose name another account can change: the agent
   * that owns the directory holding {@code data} puts a link to {@code /etc} there, and the next
   * start mounts the host's {@code /etc} into a container that runs as root
   * (ContainerMountsHostileSandboxTest).
   */
  static Set<String> swappable(Host host, DockerFacts docker, Map<String, String> devices)
      throws HostException {
    Set<String> out = new LinkedHashSet<>();
    for (ContainerState c : docker.hermesContainers()) {
      for (ContainerState.Mount m : c.mounts()) {
        String source = devices.getOrDefault(m.name(), m.source());
        boolean bound = m.type().equals("bind") || devices.containsKey(m.name());
        if (bound && source.startsWith("/") && !out.contains(source) && swappable(host, source)) {
          out.add(source);
        }
      }
    }
    return out;
  }

  /** {@code device} of every Hermes container's volume whose options bind it ({@code o=bind}). */
  static Map<String, String> volumeDevices(Host host, DockerFacts docker) throws HostException {
    Map<String, String> out = new LinkedHashMap<>();
    for (ContainerState c : docker.hermesContainers()) {
      for (ContainerState.Mount m : c.mounts()) {
        if (!m.type().equals("volume") || m.name().isEmpty() || out.containsKey(m.name())) {
          continue;
        }
        ExecResult r =
            host.exec(
                "docker", "volume", "inspect", "--format", "{{json .Options}}", "--", m.name());
        try {
          JsonNode o = JSON.readTree(r.ok() ? r.stdout() : "null");
          if (o.path("o").asText("").matches("(.*,)?r?bind(,.*)?") && o.has("device")) {
            out.put(m.name(), o.path("device").asText());
          }
        } catch (java.io.IOException e) {
          // no options read: the volume is judged by its own source
        }
      }
    }
    return out;
  }

  /**
   * Whether an account other than root owns a directory above the source (the data directory itself
   * may be the service account's: its name stays root's).
   */
  private static boolean swappable(Host host, String source) throws HostException {
    PathTrust t = PathTrust.classify(host, source);
    String at =
        t instanceof PathTrust.ByAccount b
            ? b.directory()
            : t instanceof PathTrust.Shared s ? s.directory() : null;
    return at != null && !at.equals(t.resolved());
  }
}
