package dev.hermesharden.fixes.docker;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.docker.DockerGroupCheck;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker.remove-hermes-from-docker-group}: {@code gpasswd -d USER docker}. The service user
 * keeps working: Hermes in Docker is started by root's compose, not by the service user.
 */
public final class RemoveFromDockerGroupFix implements Fix {
  static final String ID = "docker.remove-hermes-from-docker-group";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    String user = ctx.answers().serviceUser();
    Optional<List<String>> groups = DockerGroupCheck.groups(host, user);
    if (groups.isEmpty() || !groups.get().contains("docker")) {
      return Plan.nothing(ID);
    }
    return new Plan(ID, List.of(RunCommand.of("gpasswd", "-d", user, "--", "docker")));
  }
}
