package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.docker.ComposeFoundCheck;
import dev.hermesharden.checks.docker.ComposePublishesCheck;
import dev.hermesharden.checks.docker.ComposeRootOnlyCheck;
import dev.hermesharden.checks.docker.ContainerBindingsCheck;
import dev.hermesharden.checks.docker.DockerGroupCheck;
import dev.hermesharden.checks.docker.DockerProxyListenersCheck;
import dev.hermesharden.checks.docker.DockerSocketCheck;
import dev.hermesharden.checks.docker.HostNetworkCheck;
import dev.hermesharden.checks.docker.PrivilegedCheck;
import dev.hermesharden.fixes.docker.BindLoopbackFix;
import dev.hermesharden.fixes.docker.RemoveFromDockerGroupFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** Step 8 {@code docker}: Hermes' ports on loopback only, no socket, no privileges. */
public final class DockerModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .check("docker.compose-found", new ComposeFoundCheck())
        .check("docker.compose-root-only", new ComposeRootOnlyCheck())
        .check("docker.compose-loopback", new ComposePublishesCheck())
        .check("docker.containers-loopback", new ContainerBindingsCheck())
        .check("docker.no-public-listeners", new DockerProxyListenersCheck())
        .check("docker.socket-not-mounted", new DockerSocketCheck())
        .check("docker.not-privileged", new PrivilegedCheck())
        .check("docker.service-user-not-in-docker-group", new DockerGroupCheck())
        .check("docker.host-network-loopback", new HostNetworkCheck())
        .fix("docker.bind-loopback", new BindLoopbackFix())
        .fix("docker.remove-hermes-from-docker-group", new RemoveFromDockerGroupFix());
  }
}
