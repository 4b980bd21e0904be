package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.compose.PortPublish;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker.compose-loopback}: no compose port publish is reachable from outside: every host
 * address must be loopback (or inside the private path); none, a wildcard or the VPS's own public
 * address are public alike. Docker writes its own iptables rules for published ports, ahead of
 * ufw's: a public publish is reachable from the internet whatever ufw says.
 *
 * <p>The ports of a service whose network Hermes joins ({@link ComposeFile#publishingServices()}, a
 * VPN or Tailscale sidecar) are Hermes' ports.
 *
 * <p>A Hermes service with {@code extends:} of another file fails too: compose merges the other
 * service's ports and {@code network_mode} in ({@code docker-compose config} showed {@code
 * network_mode: host} and {@code 8642:8642} from a base file), and this check does not follow it.
 * It passed before.
 */
public final class ComposePublishesCheck implements Check<DockerFacts> {
  @Override
  public DockerFacts gather(Host host, StepContext ctx) throws HostException {
    return DockerFacts.gather(host, ctx);
  }

  @Override
  public Verdict evaluate(DockerFacts facts, Params params, StepContext ctx) {
    if (facts.compose().files().isEmpty()) {
      return Verdict.notApplicable("reason.docker.no-compose");
    }
    Optional<String> privateCidr = DockerFacts.privateCidr(ctx);
    Map<String, String> found = new LinkedHashMap<>();
    Map<String, String> extended = new LinkedHashMap<>();
    for (ComposeFile f : facts.compose().files()) {
      for (ComposeService s : f.publishingServices()) {
        if (!s.extendsFrom().isEmpty()) {
          extended.put(f.path() + ":" + s.line(), s.name() + " extends " + s.extendsFrom());
        }
        for (PortPublish p : s.ports()) {
          if (p.isPublic(privateCidr)) {
            found.put(f.path() + ":" + p.line(), s.name() + " " + p.label());
          }
        }
      }
    }
    if (found.isEmpty() && !extended.isEmpty()) {
      Verdict v =
          Verdict.fail("reason.docker.compose-extends", String.join(", ", extended.values()));
      for (Map.Entry<String, String> e : extended.entrySet()) {
        v = v.with(e.getKey(), e.getValue());
      }
      return v;
    }
    if (found.isEmpty()) {
      return Verdict.pass("reason.docker.compose-loopback");
    }
    Verdict v =
        Verdict.fail(
            "reason.docker.compose-public", found.size(), String.join(", ", found.keySet()));
    for (Map.Entry<String, String> e : found.entrySet()) {
      v = v.with(e.getKey(), e.getValue());
    }
    return v;
  }
}
