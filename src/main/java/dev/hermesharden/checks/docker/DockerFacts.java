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
   * mounting Hermes ({@link HermesContainers}); each with the published ports and network mode of
   * the network namespace it is in ({@link #reached}).
   */
  public List<ContainerState> hermesContainers() {
    // a container from a Hermes compose file counts when it is one of the file's Hermes services:
    // a reverse proxy beside Hermes in the same file is not Hermes
    Set<String> services =
        compose.files().stream()
            .flatMap(f -> f.hermesServices().stream().map(s -> f.path() + "\0" + s.name()))
            .collect(Collectors.toSet());
    List<ContainerState> all = containers.orElse(List.of());
    return all.stream()
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
        .map(c -> reached(c, all))
        .toList();
  }

  /**
   * {@code c} as it is reached: a container that joins another's network namespace ({@code
   * NetworkMode} {@code container:ID} or {@code container:NAME}, the VPN or Tailscale sidecar
   * pattern), followed to the container that owns it, has that one's published ports and network
   * mode ({@link ContainerState#inNetworkOf}). A sidecar's {@code 8080:8642} answered the
   * workstation with Hermes' API while Hermes' own container published nothing and passed.
   */
  private static ContainerState reached(ContainerState c, List<ContainerState> all) {
    ContainerState owner = c;
    for (int hop = 0; hop < 8 && owner.networkMode().startsWith("container:"); hop++) {
      String ref = owner.networkMode().substring("container:".length());
      Optional<ContainerState> next =
          all.stream()
              .filter(x -> !ref.isEmpty() && (x.id().startsWith(ref) || x.name().equals(ref)))
              .findFirst();
      if (next.isEmpty()) {
        break;
      }
      owner = next.get();
    }
    return owner == c ? c : c.inNetworkOf(owner);
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
