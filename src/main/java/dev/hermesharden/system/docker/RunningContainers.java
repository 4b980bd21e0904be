package dev.hermesharden.system.docker;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the Docker daemon for its running containers ({@code docker ps}, then one {@code docker
 * inspect} for all of them).
 */
public final class RunningContainers {
  private RunningContainers() {}

  /** Empty when Docker is not installed or its daemon does not answer. */
  public static Optional<List<ContainerState>> list(Host host) throws HostException {
    ExecResult ps = host.exec("docker", "ps", "--no-trunc", "--format", "{{json .}}");
    if (!ps.ok()) {
      return Optional.empty();
    }
    List<String> ids = DockerInspectParser.parsePsIds(ps.stdout());
    if (ids.isEmpty()) {
      return Optional.of(List.of());
    }
    List<String> argv = new ArrayList<>(List.of("docker", "inspect"));
    argv.addAll(ids);
    ExecResult inspect = host.exec(argv, Host.DEFAULT_TIMEOUT);
    if (!inspect.ok() && inspect.stdout().isBlank()) {
      throw new HostException(HostException.Kind.IO, "docker inspect: " + inspect.stderr());
    }
    return Optional.of(DockerInspectParser.parseInspect(inspect.stdout()));
  }
}
