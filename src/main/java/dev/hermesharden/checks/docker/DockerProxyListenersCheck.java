package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.compose.PortPublish;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.net.SsListeners;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kind {@code docker-proxy-listeners}, {@code docker.no-public-listeners}: the kernel's socket
 * table ({@code ss -Htlnpe}) shows no {@code docker-proxy} listening on a public address on a
 * Hermes port (param {@code ports}, default 8642 and 9119, plus every host port the Hermes compose
 * files and containers publish, a sidecar's whose network Hermes joins included).
 */
public final class DockerProxyListenersCheck implements Check<DockerProxyListenersCheck.Facts> {
  private static final ParamSchema SCHEMA =
      ParamSchema.of(Param.list("ports").orElse(List.of("8642", "9119")));

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** Docker facts plus the {@code ss} output (empty when ss could not run). */
  public record Facts(DockerFacts docker, Optional<String> ss) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    ExecResult ss = SsListeners.ask(host);
    return new Facts(
        DockerFacts.gather(host, ctx), ss.ok() ? Optional.of(ss.stdout()) : Optional.empty());
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (facts.ss().isEmpty()) {
      return Verdict.error("reason.docker.ss-failed");
    }
    Set<String> ports = new LinkedHashSet<>(SCHEMA.resolve(params).list("ports"));
    for (ComposeFile f : facts.docker().compose().files()) {
      for (ComposeService s : f.publishingServices()) { // a sidecar Hermes joins publishes for it
        for (PortPublish p : s.ports()) {
          ports.add(p.publishedResolved());
        }
      }
    }
    for (ContainerState c : facts.docker().hermesContainers()) {
      c.bindings().forEach(b -> ports.add(b.hostPort()));
    }
    Optional<String> privateCidr = DockerFacts.privateCidr(ctx);
    Map<String, String> open = new LinkedHashMap<>();
    for (SsListeners.Listener l : SsListeners.parse(facts.ss().get())) {
      if (l.isPublic(privateCidr)
          && l.process().equals("docker-proxy")
          && ports.contains(l.port())) {
        open.put(l.label(), l.process());
      }
    }
    if (open.isEmpty()) {
      return Verdict.pass("reason.docker.listeners-loopback", String.join(", ", ports));
    }
    Verdict v = Verdict.fail("reason.docker.listeners-public", String.join(", ", open.keySet()));
    return new Verdict(v.status(), v.reason(), open);
  }
}
