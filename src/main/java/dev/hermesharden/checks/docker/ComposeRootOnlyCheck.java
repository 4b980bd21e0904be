package dev.hermesharden.checks.docker;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.TrustedAccounts;
import dev.hermesharden.system.compose.ComposeCli;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeTrust;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker.compose-root-only}: only root can change the Hermes compose files and what compose
 * reads for them. Root starts containers from these files (the {@code docker.bind-loopback} fix
 * recreates them); a file the agent's account can edit could add a service that mounts {@code /}.
 * When another account can change one, the wizard will not run compose on it: the verdict says who
 * can, and the exact command the admin may run after reading the whole file.
 */
public final class ComposeRootOnlyCheck implements Check<ComposeRootOnlyCheck.Facts> {
  /** The Hermes compose files, each with who other than root can change it (if anyone). */
  public record Facts(
      Map<String, Optional<ComposeTrust.Untrusted>> files,
      Optional<ComposeCli> cli,
      Map<String, List<String>> projects) {
    public Facts(Map<String, Optional<ComposeTrust.Untrusted>> files, Optional<ComposeCli> cli) {
      this(files, cli, Map.of());
    }
  }

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    DockerFacts d = DockerFacts.gather(host, ctx);
    TrustedAccounts trusted = TrustedAccounts.of(host, ctx.answers());
    Map<String, Optional<ComposeTrust.Untrusted>> files = new LinkedHashMap<>();
    Map<String, List<String>> projects = new LinkedHashMap<>();
    for (ComposeFile f : d.compose().files()) {
      files.put(f.path(), ComposeTrust.untrusted(host, f, trusted));
      // the command to show: the whole project (an override is started with its file)
      d.compose().projectOf(f).ifPresent(m -> projects.put(f.path(), d.compose().project(m)));
    }
    boolean anyUntrusted = files.values().stream().anyMatch(Optional::isPresent);
    return new Facts(files, anyUntrusted ? ComposeCli.detect(host) : Optional.empty(), projects);
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (facts.files().isEmpty()) {
      return Verdict.notApplicable("reason.docker.compose-root-only.none");
    }
    for (var e : facts.files().entrySet()) {
      if (e.getValue().isPresent()) {
        ComposeTrust.Untrusted u = e.getValue().get();
        List<String> project = facts.projects().getOrDefault(e.getKey(), List.of(e.getKey()));
        List<String> up = facts.cli().orElse(new ComposeCli(true, "")).upDetached(project);
        String key =
            u.who().equals("*")
                ? "reason.docker.compose-root-only.shared"
                : "reason.docker.compose-root-only.account";
        return Verdict.fail(key, e.getKey(), u.path(), u.who(), ShellQuoting.join(up))
            .with("file", e.getKey())
            .with("changeable", u.path());
      }
    }
    return Verdict.pass(
        "reason.docker.compose-root-only.ok", String.join(", ", facts.files().keySet()));
  }
}
