package dev.hermesharden.engine;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.StepDefinition;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs steps' live checks and turns them into transitions: a step is checked, then every later step
 * that had been reached before is re-checked in order (the re-check chain), so fixing an earlier
 * step does not make the admin re-check every later one by hand. Callers hold the engine's lock.
 */
final class StepChecker {
  private final SessionStore store;
  private final CheckRunner runner;
  private final Host host;
  private final Supplier<StepContext> context;
  private final Clock clock;

  StepChecker(
      SessionStore store,
      CheckRunner runner,
      Host host,
      Supplier<StepContext> context,
      Clock clock) {
    this.store = store;
    this.runner = runner;
    this.host = host;
    this.context = context;
    this.clock = clock;
  }

  /** Runs the step's checks, then the re-check chain after it. */
  StepState check(StepDefinition d, Steps steps) {
    WizardFlow.open(store.get(), d.id());
    run(d);
    chain(store.get().indexOf(d.id()) + 1, steps, new java.util.ArrayList<>());
    return store.get().state(d.id()).orElseThrow();
  }

  /** The step's checks, saved as a transition (a result: see {@link SessionStore}). */
  StepState run(StepDefinition d) {
    List<CheckResult> results = runner.run(d.checks(), host, context.get());
    Session s = store.updateResult(x -> WizardFlow.checked(x, d.id(), results, clock.instant()));
    return s.state(d.id()).orElseThrow();
  }

  /**
   * From step {@code from} on, re-runs the checks of every step that was reached before (skipped
   * steps stay skipped), stopping at the first that does not pass or was never checked.
   */
  void chain(int from, Steps steps, List<ResumeReport.Recheck> report) {
    List<StepState> states = store.get().steps();
    for (int i = from; i < states.size(); i++) {
      StepState st = store.get().steps().get(i);
      boolean neverChecked = st.status() == StepStatus.READY && st.lastResults().isEmpty();
      if (st.status() == StepStatus.SKIPPED) {
        continue;
      }
      if (st.status() == StepStatus.LOCKED || neverChecked) {
        return;
      }
      StepState after = run(steps.definition(st.stepId()));
      report.add(
          new ResumeReport.Recheck(st.stepId(), st.status(), after.status(), after.lastResults()));
      if (!after.status().passed()) {
        return;
      }
    }
  }

  /** Every step's live checks now, without changing the session (for a report). */
  Map<String, List<CheckResult>> live(List<StepDefinition> steps) {
    StepContext ctx = context.get();
    Map<String, List<CheckResult>> out = new LinkedHashMap<>();
    for (StepDefinition d : steps) {
      out.put(d.id(), runner.run(d.checks(), host, ctx));
    }
    return out;
  }
}
