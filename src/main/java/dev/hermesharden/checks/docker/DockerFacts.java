package dev.hermesharden.checks.docker;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.compose.ComposeFiles;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.docker.HermesContainers;
import dev.hermesharden.system.docker.RunningContainers;
import dev.hermesharden.system.ufw.PrivatePath;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the Docker checks look at: the Hermes compose files and the running containers.
 *
 * @param containers every running container; empty when Docker is absent or its daemon is down
 */
public record DockerFacts(ComposeFiles compose, Optional<List<ContainerState>> containers) {

  public static DockerFacts gather(Host host, StepContext ctx) throws HostException {
    try {
      return new DockerFacts(ComposeFiles.load(host, ctx.answers()), RunningContainers.list(host));
    } catch (IllegalArgumentException e) {
      // docker answered in a format we do not know: say so instead of judging nothing
      throw new HostException(HostException.Kind.IO, "docker: " + e.getMessage(), e);
    }
  }

  /**
   * Running containers that belong to Hermes: created from one of its compose files, or running or
   * mounting Hermes ({@link HermesContainers}).
   */
  public List<ContainerState> hermesContainers() {
    // a container from a Hermes compose file counts when it is one of the file's Hermes services:
    // a reverse proxy beside Hermes in the same file is not Hermes
    Set<String> services =
        compose.files().stream()
            .flatMap(f -> f.hermesServices().stream().map(s -> f.path() + "\0" + s.name()))
            .collect(Collectors.toSet());
    return containers.orElse(List.of()).stream()
        .filter(
            c ->
                HermesContainers.isHermes(c)
                    || c.composeFiles().stream()
                        .anyMatch(
                            f ->
                                services.contains(
                                    f
                                        + "\0"
                                        + c.labels()
                                            .getOrDefault("com.docker.compose.service", ""))))
        .toList();
  }

  /**
   * The admin's private network as a CIDR (the tailnet by default): a publish there is meant to be
   * reachable, from the admin's devices only.
   */
  public static Optional<String> privateCidr(StepContext ctx) {
    try {
      return Optional.of(PrivatePath.of(ctx.answers()).cidr());
    } catch (RuntimeException e) {
      return Optional.empty(); // a private path not described yet: only loopback is private
    }
  }

  /** Hermes does not run in Docker here: no compose file found and no Hermes container. */
  public boolean notInDocker() {
    return compose.isEmpty() && hermesContainers().isEmpty();
  }

  /**
   * The condition the Docker checks name in their {@code applies_when} (with the reason {@code
   * reason.docker.not-in-docker}): Hermes runs in Docker here.
   */
  public static final String IN_DOCKER = "hermes-in-docker";

  public static boolean inDocker(Host host, StepContext ctx) throws HostException {
    return !gather(host, ctx).notInDocker();
  }
}
