package dev.hermesharden.checks.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.checks.docker.DockerFacts;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the container kinds judge: the docker step's facts (Hermes compose services and running
 * containers, {@link DockerFacts}), the daemon's default log options from {@code
 * /etc/docker/daemon.json}, and whether the daemon runs rootless ({@code docker info}'s security
 * options say {@code name=rootless}).
 *
 * @param daemonLogDriver {@code log-driver} in daemon.json, "" when unset (Docker's default is
 *     json-file, which does not rotate)
 */
public record ContainerFacts(
    DockerFacts docker,
    String daemonLogDriver,
    Map<String, String> daemonLogOpts,
    boolean rootless) {
  public static final String DAEMON_JSON = "/etc/docker/daemon.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public ContainerFacts {
    daemonLogOpts = Map.copyOf(daemonLogOpts);
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
    return new ContainerFacts(docker, driver, opts, rootless);
  }
}
