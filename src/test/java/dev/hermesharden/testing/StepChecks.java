package dev.hermesharden.testing;

import dev.hermesharden.checks.Verdict;
import dev.hermesharden.engine.CheckRunner;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFileException;
import dev.hermesharden.steps.StepFiles;
import java.util.List;

/**
 * Test-only: the packaged step files' checks by id, and one check judged as the wizard judges it
 * (its kind, its step file's parameters, its {@code applies_when}), so tests name check ids and
 * never repeat a kind or a parameter.
 */
public final class StepChecks {
  private static final List<StepDefinition> STEPS = load();

  private StepChecks() {}

  private static List<StepDefinition> load() {
    try {
      return StepFiles.loadPackaged(Catalog.standard(), Messages.english());
    } catch (StepFileException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** Every packaged step, in card order. */
  public static List<StepDefinition> steps() {
    return STEPS;
  }

  public static StepDefinition step(String stepId) {
    return STEPS.stream()
        .filter(s -> s.id().equals(stepId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + stepId));
  }

  /** The check {@code id} as its step file declares it. */
  public static CheckRef ref(String id) {
    return STEPS.stream()
        .flatMap(s -> s.checks().stream())
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id + " in the step files"));
  }

  /** Judges check {@code id} with {@code catalog}'s kinds; host exceptions are thrown. */
  public static Verdict run(Catalog catalog, String id, Host host, StepContext ctx)
      throws HostException {
    return CheckRunner.verdict(catalog, ref(id), host, ctx);
  }
}
