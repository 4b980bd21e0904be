package dev.hermesharden.fixes.docker;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.docker.DockerFacts;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.accounts.TrustedAccounts;
import dev.hermesharden.system.compose.ComposeCli;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposePortRewriter;
import dev.hermesharden.system.compose.ComposeTrust;
import dev.hermesharden.system.docker.ContainerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker.bind-loopback}: rewrites every public publish of the Hermes compose files to {@code
 * 127.0.0.1} (keeping the file's comments and layout, see {@link ComposePortRewriter}) and
 * recreates the containers from the edited file ({@code docker compose -f FILE up -d}, or {@code
 * docker-compose} v1). A file already edited whose containers still publish publicly only gets the
 * recreate. Recreating restarts Hermes for a few seconds, hence "confirmed".
 *
 * <p>Root recreates only from a file that no other account can change ({@link ComposeTrust}):
 * otherwise the publishes are still rewritten (with the rights of the account that owns the
 * directory) but nothing is started, and {@code docker.compose-root-only} says why and what to run.
 */
public final class BindLoopbackFix implements Fix {
  static final String ID = "docker.bind-loopback";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    DockerFacts facts = DockerFacts.gather(host, ctx);
    TrustedAccounts trusted = TrustedAccounts.of(host, ctx.answers());
    if (!facts.compose().unreadable().isEmpty()) {
      // a plan that skipped a file Hermes runs from would wrongly say "nothing to do"
      throw facts.compose().unreadable().values().iterator().next();
    }
    Optional<ComposeCli> cli = Optional.empty();
    boolean cliAsked = false;
    List<PlannedAction> actions = new ArrayList<>();
    Map<String, ComposeFile> recreate = new LinkedHashMap<>();
    for (ComposeFile f : facts.compose().files()) {
      String text = facts.compose().texts().get(f.path());
      if (!cliAsked
          && f.services().stream()
              .flatMap(s -> s.ports().stream())
              .anyMatch(p -> p.longSyntax() && p.isPublic())) {
        // compose v1 rejects host_ip in the long syntax: it must get short syntax instead
        cli = ComposeCli.detect(host);
        cliAsked = true;
      }
      boolean v1 = cli.isPresent() && !cli.get().plugin();
      ComposePortRewriter.Result r;
      try {
        r = ComposePortRewriter.rewrite(f.path(), text, v1, f.variables());
      } catch (IllegalStateException e) {
        BadInputException b =
            new BadInputException(
                f.path(), 0, "ports", "reason.input.edit-refused", e.getMessage());
        b.initCause(e);
        throw b;
      }
      boolean liveOpen =
          facts.hermesContainers().stream()
              .filter(c -> c.composeFiles().contains(f.path()))
              .flatMap(c -> c.bindings().stream())
              .anyMatch(ContainerState.Binding::isPublic);
      if (!r.changed() && !liveOpen) {
        continue;
      }
      if (r.changed()) {
        actions.add(new WriteFile(f.path(), Optional.of(text), r.text(), FileAttrs.KEEP));
      }
      // an override is recreated with the file it overrides (ComposeFiles.project)
      facts.compose().projectOf(f).ifPresent(m -> recreate.putIfAbsent(m.path(), m));
    }
    for (ComposeFile f : recreate.values()) {
      if (ComposeTrust.untrustedProject(host, facts.compose(), f, trusted)) {
        continue; // root never starts what another account can rewrite
      }
      if (!cliAsked) {
        cli = ComposeCli.detect(host);
        cliAsked = true;
      }
      if (cli.isPresent()) {
        List<String> argv = cli.get().upDetached(facts.compose().project(f));
        actions.add(RunCommand.of(argv.toArray(String[]::new)).withTimeout(Duration.ofMinutes(5)));
      }
    }
    return new Plan(ID, actions);
  }
}
