package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.compose.ComposeFile;

/**
 * {@code docker.compose-found}: the compose file(s) that run Hermes are found and readable, so the
 * other checks can read what they publish. Not applicable when Hermes is not in Docker at all;
 * fails when Hermes containers run but their compose file is not found or does not parse.
 */
public final class ComposeFoundCheck implements Check<DockerFacts> {
  @Override
  public DockerFacts gather(Host host, StepContext ctx) throws HostException {
    return DockerFacts.gather(host, ctx);
  }

  @Override
  public Verdict evaluate(DockerFacts facts, Params params, StepContext ctx) {
    if (!facts.compose().unreadable().isEmpty()) {
      BadInputException bad = facts.compose().unreadable().values().iterator().next();
      return Verdict.fail("reason.docker.compose-unreadable", bad.where());
    }
    if (facts.compose().files().isEmpty()) {
      String names =
          String.join(", ", facts.hermesContainers().stream().map(c -> c.name()).toList());
      return Verdict.fail("reason.docker.compose-missing", names);
    }
    Verdict v = Verdict.pass("reason.docker.compose-found", facts.compose().files().size());
    int i = 1;
    for (ComposeFile f : facts.compose().files()) {
      v = v.with("file." + i++, f.path());
    }
    return v;
  }
}
