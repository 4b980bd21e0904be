package dev.hermesharden.testing;

import dev.hermesharden.checks.Verdict;
import dev.hermesharden.engine.CheckRunner;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFileException;
import dev.hermesharden.steps.StepFiles;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test-only: runs one packaged step's checks and plans its fixes, as the engine will. */
public final class KeysStepRunner {
  private final StepDefinition step;
  private final Catalog catalog = Catalog.standard();

  public KeysStepRunner(String stepId) throws StepFileException {
    this.step =
        StepFiles.loadPackaged(catalog, Messages.english()).stream()
            .filter(s -> s.id().equals(stepId))
            .findFirst()
            .orElseThrow();
  }

  public Map<String, Verdict> check(Host host, StepContext ctx) throws HostException {
    Map<String, Verdict> out = new LinkedHashMap<>();
    for (CheckRef c : step.checks()) {
      out.put(c.id(), CheckRunner.verdict(catalog, c, host, ctx));
    }
    return out;
  }

  public Map<String, Plan> plan(Host host, StepContext ctx) throws HostException {
    Map<String, Plan> out = new LinkedHashMap<>();
    for (FixRef f : step.fixes()) {
      out.put(f.id(), catalog.fix(f.id()).orElseThrow().plan(host, f.params(), ctx));
    }
    return out;
  }

  /** Plans and applies each fix in step order, re-planning after each (as the engine does). */
  public void applyAll(Host host, StepContext ctx) throws HostException {
    for (FixRef f : step.fixes()) {
      PlanApplier.apply(host, catalog.fix(f.id()).orElseThrow().plan(host, f.params(), ctx));
    }
  }
}
