package dev.hermesharden.fixes.containers;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.containers.ContainerRules;
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
import dev.hermesharden.system.compose.ComposeHardeningRewriter;
import dev.hermesharden.system.compose.ComposeTrust;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code containers.compose}: adds {@code no-new-privileges}, dropped capabilities, CPU and memory
 * limits and bounded logs to every Hermes compose service that lacks them ({@link
 * ComposeHardeningRewriter}), then recreates the containers (also when the file already had them
 * but a running container was made before it did) — as {@code docker.bind-loopback} does, and under
 * the same rule: root starts nothing from a file another account can change ({@link ComposeTrust});
 * the file is then rewritten but not started, and {@code docker.compose-root-only} says why.
 * Secrets in {@code environment:} are not moved: that is a manual item (the check's reason names
 * the keys and the alternative).
 */
public final class ComposeHardeningFix implements Fix {
  public static final String ID = "containers.compose";

  @Override
  public Plan plan(Host host, Params params, StepContext ctx) throws HostException {
    DockerFacts facts = DockerFacts.gather(host, ctx);
    if (!facts.compose().unreadable().isEmpty()) {
      throw facts.compose().unreadable().values().iterator().next();
    }
    ComposeHardeningRewriter.Values values =
        new ComposeHardeningRewriter.Values(
            params.string("cpus", "2"),
            params.string("memory", "4g"),
            params.string("max-size", "10m"),
            params.string("max-file", "3"));
    TrustedAccounts trusted = TrustedAccounts.of(host, ctx.answers());
    List<PlannedAction> actions = new ArrayList<>();
    Optional<ComposeCli> cli = Optional.empty();
    for (ComposeFile f : facts.compose().files()) {
      if (f.isOverride()) {
        continue; // merged into the file beside it, which gets the settings (ContainerRules)
      }
      String text = facts.compose().texts().get(f.path());
      String after;
      try {
        after = ComposeHardeningRewriter.rewrite(f.path(), text, values);
      } catch (IllegalStateException e) {
        BadInputException b =
            new BadInputException(
                f.path(), 0, "services", "reason.input.edit-refused", e.getMessage());
        b.initCause(e);
        throw b;
      }
      boolean stale =
          facts.hermesContainers().stream()
              .anyMatch(
                  c ->
                      c.composeFiles().contains(f.path())
                          && !ContainerRules.unconfined(c).isEmpty());
      if (after.equals(text) && !stale) {
        continue;
      }
      if (!after.equals(text)) {
        actions.add(new WriteFile(f.path(), Optional.of(text), after, FileAttrs.KEEP));
      }
      if (ComposeTrust.untrustedProject(host, facts.compose(), f, trusted)) {
        continue; // root never starts what another account can rewrite
      }
      if (cli.isEmpty()) {
        cli = ComposeCli.detect(host);
      }
      if (cli.isPresent()) {
        List<String> argv = cli.get().upDetached(facts.compose().project(f));
        actions.add(RunCommand.of(argv.toArray(String[]::new)).withTimeout(Duration.ofMinutes(5)));
      }
    }
    return new Plan(ID, actions);
  }
}
