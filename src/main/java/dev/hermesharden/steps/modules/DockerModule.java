package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.docker.ComposeFoundCheck;
import dev.hermesharden.checks.docker.ComposePublishesCheck;
import dev.hermesharden.checks.docker.ComposeRootOnlyCheck;
import dev.hermesharden.checks.docker.ContainerBindingsCheck;
import dev.hermesharden.checks.docker.DockerFacts;
import dev.hermesharden.checks.docker.DockerGroupCheck;
import dev.hermesharden.checks.docker.DockerProxyListenersCheck;
import dev.hermesharden.checks.docker.DockerSocketCheck;
import dev.hermesharden.checks.docker.HostNetworkCheck;
import dev.hermesharden.checks.docker.PrivilegedCheck;
import dev.hermesharden.fixes.docker.BindLoopbackFix;
import dev.hermesharden.fixes.docker.RemoveFromDockerGroupFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/**
 * Step 8 {@code docker} (its kinds and the condition hermes-in-docker): Hermes' ports on loopback
 * only, no socket, no privileges.
 */
public final class DockerModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .condition(DockerFacts.IN_DOCKER, DockerFacts::inDocker)
        .kind("compose-found", new ComposeFoundCheck())
        .kind("compose-root-only", new ComposeRootOnlyCheck())
        .kind("compose-loopback", new ComposePublishesCheck())
        .kind("container-bindings", new ContainerBindingsCheck())
        .kind("docker-proxy-listeners", new DockerProxyListenersCheck())
        .kind("docker-socket", new DockerSocketCheck())
        .kind("docker-privileged", new PrivilegedCheck())
        .kind("service-user-docker-group", new DockerGroupCheck())
        .kind("docker-host-network", new HostNetworkCheck())
        .fix("docker.bind-loopback", new BindLoopbackFix())
        .fix("docker.remove-hermes-from-docker-group", new RemoveFromDockerGroupFix());
  }
}
