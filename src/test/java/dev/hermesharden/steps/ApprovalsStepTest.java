package dev.hermesharden.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.engine.CheckRunner;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.fixes.approvals.ApprovalsEnvFix;
import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.modules.ApprovalsModule;
import dev.hermesharden.testing.PlanApplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Step 9 end to end on the practice VPS, driven by the real step file and catalog. */
class ApprovalsStepTest {
  private static final String DATA = "/opt/hermes/data";
  private static final String KEY = "Qm7xR2pL9vTz4WbN8cJ5hF1dK6sG3aYe0uXo_iEq-nMw2VrC";
  private static final StepContext GENERATE =
      StepContext.of(Answers.EMPTY.with(ApprovalsEnvFix.GENERATE_KEY, "yes"));

  private final StepDefinition step = load();
  private final Catalog catalog = Catalog.of(List.of(new ApprovalsModule()));

  private static StepDefinition load() {
    try {
      String text = Files.readString(Path.of("wizard-steps/09-approvals.yaml"));
      return new StepFileParser("09-approvals.yaml", Catalog.standard()).parse(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theStepFileNamesOnlyRegisteredIdsAndExistingKeys() {
    for (Messages m : List.of(Messages.english(), Messages.forLanguage("de"))) {
      List<String> keys =
          new ArrayList<>(
              List.of(
                  step.titleKey(),
                  step.teaching().whyKey(),
                  step.teaching().breaksKey(),
                  step.teaching().undoKey()));
      step.checks().forEach(c -> keys.add(c.titleKey()));
      step.fixes().forEach(f -> keys.add(f.titleKey()));
      keys.forEach(k -> assertTrue(m.has(k), "missing " + k + " in " + m.locale()));
    }
    step.checks().forEach(c -> assertTrue(catalog.check(c).isPresent(), c.id()));
    step.fixes().forEach(f -> assertTrue(catalog.hasFix(f.id()), f.id()));
    assertEquals(13, step.checks().size());
    assertFalse(
        step.fixes().stream().anyMatch(FixRef::destructive), "no fix of this step is destructive");
  }

  @Test
  void everyCheckFailsOnTheFreshPracticeVps() throws Exception {
    Map<String, Verdict> v = runChecks(SimulatedHost.fresh(), GENERATE);
    v.forEach(
        (id, verdict) -> assertEquals(Status.FAIL, verdict.status(), id + " " + verdict.reason()));
    // .env switches YOLO on as well, which bypasses any mode
    assertEquals("reason.approvals.mode-yolo", v.get("approvals.mode").reason().key());
  }

  @Test
  void fixesMakeEveryCheckPassAndASecondPlanIsEmpty() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    dockerStepDone(host, GENERATE);
    String envBefore = host.readFile(DATA + "/.env").orElseThrow();
    List<Plan> plans = plans(host, GENERATE);
    plans.forEach(p -> assertFalse(p.isEmpty(), p.fixId()));
    for (Plan p : plans) {
      PlanApplier.apply(host, p);
    }
    runChecks(host, GENERATE)
        .forEach((id, v) -> assertEquals(Status.PASS, v.status(), id + " " + v.reason()));
    plans(host, GENERATE).forEach(p -> assertTrue(p.isEmpty(), p.fixId() + ":\n" + p.render()));
    // owner and mode kept (step 7 tightens them, not this one)
    SimFile env = host.fs().get(DATA + "/.env").orElseThrow();
    assertEquals(0644, env.mode());
    String after = env.content();
    assertTrue(after.contains("# hermes-harden: TELEGRAM_ALLOW_ALL_USERS=true\n"));
    assertTrue(after.contains("API_SERVER_KEY=" + KEY + "\n"));
    assertEquals(
        envBefore.lines().count(), after.lines().count(), "lines are changed, none added or lost");
  }

  @Test
  void theConfigPlanKeepsCommentsAndChangesOnlyTheValues() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    Plan p = plan(host, "approvals.config", GENERATE);
    WriteFile w = (WriteFile) p.actions().get(0);
    String diff = w.diff();
    assertTrue(diff.contains("-  mode: off            # smart | manual | off\n"), diff);
    assertTrue(diff.contains("+  mode: manual            # smart | manual | off\n"), diff);
    assertTrue(
        diff.contains("+  allow_private_urls: false   # needed for my home assistant\n"), diff);
    assertTrue(diff.contains("+  docker_forward_env: []\n"), diff);
    assertTrue(
        w.after().contains("  # sudo_password: \"hunter2\"  # SECURITY WARNING: plaintext.\n"));
    assertEquals(
        w.before().orElseThrow().lines().count() - 1,
        w.after().lines().count(),
        "only the list item line goes");
  }

  @Test
  void withoutTheAnswerNoKeyIsInventedAndTheKeyCheckKeepsFailing() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    StepContext ctx = StepContext.of(Answers.EMPTY);
    dockerStepDone(host, ctx);
    for (Plan p : plans(host, ctx)) {
      PlanApplier.apply(host, p);
    }
    Map<String, Verdict> v = runChecks(host, ctx);
    assertEquals("reason.approvals.api-key-placeholder", v.get("approvals.api-key").reason().key());
    assertEquals(Status.PASS, v.get("approvals.api-host").status());
    assertTrue(host.readFile(DATA + "/.env").orElseThrow().contains("\nAPI_SERVER_KEY=changeme\n"));
    plans(host, ctx).forEach(p -> assertTrue(p.isEmpty(), p.fixId()));
  }

  @Test
  void theEnvDiffShowsNoSecretOutsideTheLinesItChanges() throws Exception {
    Plan p = plan(SimulatedHost.fresh(), "approvals.env", GENERATE);
    String diff = p.render();
    for (String line : diff.split("\n")) {
      if (line.startsWith(" ")) {
        assertFalse(line.contains("sk-or-v1-"), line);
        assertFalse(line.contains("AAH3k9xQ"), line);
      }
    }
    assertFalse(diff.contains("OPENROUTER_API_KEY"), diff);
  }

  @Test
  void withoutAHermesHomeTheChecksAreErrors() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    List<String> paths = new ArrayList<>(host.fs().walk(DATA));
    java.util.Collections.reverse(paths);
    paths.forEach(host.fs()::delete);
    Verdict v = runChecks(host, GENERATE).get("approvals.mode");
    assertEquals(Status.ERROR, v.status());
    assertTrue(v.reason().args().get(0).contains("/opt/hermes/data"), v.reason().args().toString());
  }

  private Map<String, Verdict> runChecks(SimulatedHost host, StepContext ctx) throws HostException {
    Map<String, Verdict> out = new LinkedHashMap<>();
    for (CheckRef ref : step.checks()) {
      out.put(ref.id(), CheckRunner.verdict(catalog, ref, host, ctx));
    }
    return out;
  }

  /**
   * Step 8 before step 9: in a bridge container the API's bind is judged by what Docker publishes.
   */
  private void dockerStepDone(SimulatedHost host, StepContext ctx) throws HostException {
    PlanApplier.apply(
        host, new dev.hermesharden.fixes.docker.BindLoopbackFix().plan(host, Params.NONE, ctx));
  }

  private List<Plan> plans(SimulatedHost host, StepContext ctx) throws HostException {
    List<Plan> out = new ArrayList<>();
    for (FixRef ref : step.fixes()) {
      out.add(plan(host, ref.id(), ctx));
    }
    return out;
  }

  private Plan plan(SimulatedHost host, String id, StepContext ctx) throws HostException {
    FixRef ref = step.fixes().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    Fix fix =
        id.equals(ApprovalsEnvFix.ID)
            ? new ApprovalsEnvFix(() -> KEY)
            : catalog.fix(id).orElseThrow();
    return fix.plan(host, ref.params(), ctx);
  }
}
