package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.compose.Interpolation;
import dev.hermesharden.system.compose.VolumeMount;
import dev.hermesharden.system.docker.ContainerState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code docker.socket-not-mounted}: no Hermes container gets {@code /var/run/docker.sock}. Whoever
 * talks to the Docker socket is root on the host, so a prompt-injected agent with the socket owns
 * the VPS. Looks at the compose files and at the running containers' mounts.
 */
public final class DockerSocketCheck implements Check<DockerFacts> {
  @Override
  public DockerFacts gather(Host host, StepContext ctx) throws HostException {
    return DockerFacts.gather(host, ctx);
  }

  @Override
  public Verdict evaluate(DockerFacts facts, Params params, StepContext ctx) {
    Map<String, String> found = new LinkedHashMap<>();
    for (ComposeFile f : facts.compose().files()) {
      for (ComposeService s : f.hermesServices()) {
        for (VolumeMount v : s.volumes()) {
          if (isSocket(Interpolation.resolveDefaults(v.source())) || isSocket(v.target())) {
            found.put(f.path() + ":" + v.line(), s.name());
          }
        }
      }
    }
    for (ContainerState c : facts.hermesContainers()) {
      for (ContainerState.Mount m : c.mounts()) {
        if (isSocket(m.source()) || isSocket(m.destination())) {
          found.put("container " + c.name(), m.source() + ":" + m.destination());
        }
      }
    }
    if (found.isEmpty()) {
      return Verdict.pass("reason.docker.socket-ok");
    }
    Verdict v = Verdict.fail("reason.docker.socket-mounted", String.join(", ", found.keySet()));
    return new Verdict(v.status(), v.reason(), found);
  }

  static boolean isSocket(String path) {
    return path.endsWith("/docker.sock") || path.equals("docker.sock");
  }
}
