package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.docker.ContainerState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code docker.not-privileged}: no Hermes service runs {@code privileged}. A privileged container
 * sees every device and can mount the host's disk: it is not a sandbox any more. Looks at the
 * compose files and at {@code HostConfig.Privileged} of the running containers.
 *
 * <p>A Hermes service that {@code extends:} a service of another file (not merged, {@link
 * ComposeService#extendsFrom}) fails: compose merges {@code privileged} in from there.
 */
public final class PrivilegedCheck implements Check<DockerFacts> {
  @Override
  public DockerFacts gather(Host host, StepContext ctx) throws HostException {
    return DockerFacts.gather(host, ctx);
  }

  @Override
  public Verdict evaluate(DockerFacts facts, Params params, StepContext ctx) {
    Map<String, String> found = new LinkedHashMap<>();
    Map<String, String> unfollowed = new LinkedHashMap<>();
    for (ComposeFile f : facts.compose().files()) {
      for (ComposeService s : f.hermesServices()) {
        if (s.privileged()) {
          found.put(f.path() + ":" + s.line(), s.name());
        } else if (!s.extendsFrom().isEmpty()) {
          unfollowed.put(f.path() + ":" + s.line(), s.name() + " extends " + s.extendsFrom());
        }
      }
    }
    for (ContainerState c : facts.hermesContainers()) {
      if (c.privileged()) {
        found.put("container " + c.name(), "privileged");
      }
    }
    if (found.isEmpty() && !unfollowed.isEmpty()) {
      Verdict v =
          Verdict.fail("reason.docker.extends-unfollowed", String.join(", ", unfollowed.values()));
      return new Verdict(v.status(), v.reason(), unfollowed);
    }
    if (found.isEmpty()) {
      return Verdict.pass("reason.docker.not-privileged");
    }
    Verdict v = Verdict.fail("reason.docker.privileged", String.join(", ", found.keySet()));
    return new Verdict(v.status(), v.reason(), found);
  }
}
