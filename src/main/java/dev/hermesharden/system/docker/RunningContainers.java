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

  /**
   * {@link #list}, but a daemon that answers in a format we do not know counts as no answer: for
   * callers that only look for hints (where HERMES_HOME is, which compose files exist) and leave
   * the verdict on Docker itself to the docker checks.
   */
  public static Optional<List<ContainerState>> hints(Host host) throws HostException {
    try {
      return list(host);
    } catch (IllegalArgumentException | HostException e) {
      if (e instanceof HostException h && h.kind() != HostException.Kind.IO) {
        throw h;
      }
      return Optional.empty();
    }
  }
}
