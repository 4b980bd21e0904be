package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.docker.ContainerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker.containers-loopback}: the running Hermes containers publish nothing on a public
 * address ({@code docker inspect} → {@code NetworkSettings.Ports[].HostIp}). This is the live
 * truth: an edited compose file only counts once the containers were recreated.
 */
public final class ContainerBindingsCheck implements Check<DockerFacts> {
  @Override
  public DockerFacts gather(Host host, StepContext ctx) throws HostException {
    return DockerFacts.gather(host, ctx);
  }

  @Override
  public Verdict evaluate(DockerFacts facts, Params params, StepContext ctx) {
    if (facts.containers().isEmpty()) {
      return Verdict.notApplicable("reason.docker.daemon-down");
    }
    List<ContainerState> hermes = facts.hermesContainers();
    if (hermes.isEmpty()) {
      return Verdict.notApplicable("reason.docker.none-running");
    }
    Optional<String> privateCidr = DockerFacts.privateCidr(ctx);
    List<String> open = new ArrayList<>();
    Map<String, String> details = new LinkedHashMap<>();
    for (ContainerState c : hermes) {
      for (ContainerState.Binding b : c.bindings()) {
        if (b.isPublic(privateCidr)) {
          open.add(c.name() + " " + b.label());
          details.put(c.name() + " " + b.containerPort() + " #" + open.size(), b.label());
        }
      }
    }
    Verdict v =
        open.isEmpty()
            ? Verdict.pass("reason.docker.containers-loopback", hermes.size())
            : Verdict.fail("reason.docker.containers-public", String.join(", ", open));
    return new Verdict(v.status(), v.reason(), details);
  }
}
