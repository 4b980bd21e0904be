package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.Teaching;
import dev.hermesharden.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's one guarded apply of a step (what the wizard, the line mode, {@code apply} and the
 * answers replay all call): the change stays only when a new proof comes in time; a refused proof
 * puts it back at once; no proof by the deadline leaves it to the host's job; a part that only
 * appears after an earlier one is shown before it runs.
 */
class ApplyFlowTest {
  private static final String TARGET = FakeSteps.marker("s3");

  @TempDir Path tmp;
  private final MovableClock clock = MovableClock.at2026();
  private SimulatedHost sim;

  /** What a front end heard, in order. */
  private final List<String> heard = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    sim = SimulatedHost.fresh();
    sim.fs().mkdirs(FakeSteps.DIR);
    sim.writeFile(TARGET, "before\n", FileAttrs.mode(0640));
  }

  private WizardEngine engine(ScriptedProofs proofs, List<StepDefinition> steps, Catalog c) {
    ProofWait wait = new ProofWait(clock, clock::advance);
    return new WizardEngine(
        proofs.over(sim, tmp.resolve("state")), steps, c, clock, new Guard(), wait);
  }

  private WizardEngine fake(ScriptedProofs proofs) {
    WizardEngine e = engine(proofs, FakeSteps.steps(4), FakeSteps.catalog(4));
    e.startOrResume(Answers.EMPTY);
    e.applyFix("s1", "s1.write");
    e.applyFix("s2", "s2.write");
    return e;
  }

  private Evidence proof() {
    return new Evidence(
        EvidenceKind.KEY_LOGIN,
        "admin",
        "SHA256:k",
        "203.0.113.10",
        "198.51.100.7",
        clock.instant(),
        Map.of(),
        true);
  }

  private ApplyListener listener(boolean proveMissing, boolean acceptChanged) {
    return new ApplyListener() {
      @Override
      public void armed(ArmedRevert r) {
        heard.add("armed");
      }

      @Override
      public void asked(PendingProof ask, Optional<ArmedRevert> revert) {
        heard.add("asked " + ask.kind().id() + (revert.isPresent() ? " under revert" : ""));
      }

      @Override
      public void proven(Evidence e) {
        heard.add("proven");
      }

      @Override
      public void disarmed(ArmedRevert r, EvidenceKind kind) {
        heard.add("disarmed by " + kind.id());
      }

      @Override
      public boolean proveMissing(List<Missing> missing) {
        return proveMissing;
      }

      @Override
      public boolean acceptChanged(StepPlan fresh) {
        heard.add("changed");
        return acceptChanged;
      }
    };
  }

  @Test
  void aGuardedPartStaysWhenTheNewProofComesInTime() throws Exception {
    ScriptedProofs proofs = new ScriptedProofs(clock, true, "pending", "retry", "proven");
    WizardEngine e = fake(proofs);
    e.recordEvidence(proof());
    clock.advance(Duration.ofSeconds(1));

    StepOutcome o = e.applyStep(e.preview("s3"), listener(false, false));

    assertInstanceOf(StepOutcome.Done.class, o, o.toString());
    assertEquals(StepStatus.VERIFIED, o.state().status());
    assertEquals(
        List.of("armed", "asked key-login under revert", "proven", "disarmed by key-login"), heard);
    assertEquals(RevertState.DISARMED, e.session().reverts().get(0).state());
    assertEquals(FakeSteps.DONE, sim.readFile(TARGET).orElseThrow());
  }

  @Test
  void aRefusedProofPutsTheChangeBackAtOnce() throws Exception {
    WizardEngine e = fake(new ScriptedProofs(clock, true, "pending", "end"));
    e.recordEvidence(proof());
    clock.advance(Duration.ofSeconds(1));

    StepOutcome o = e.applyStep(e.preview("s3"), listener(false, false));

    StepOutcome.Unproven u = assertInstanceOf(StepOutcome.Unproven.class, o, o.toString());
    assertInstanceOf(ProofOutcome.Refused.class, u.end());
    assertEquals(RevertState.FIRED, u.revert().orElseThrow().state());
    assertEquals(StepStatus.REVERTED, u.state().status());
    assertEquals("before\n", sim.readFile(TARGET).orElseThrow(), "put back, not left to the timer");
  }

  @Test
  void noProofByTheDeadlineLeavesTheChangeToTheHostsJob() throws Exception {
    WizardEngine e = fake(new ScriptedProofs(clock, true));
    e.setRevertWindow(Duration.ofSeconds(5));
    e.recordEvidence(proof());
    clock.advance(Duration.ofSeconds(1));

    StepOutcome o = e.applyStep(e.preview("s3"), listener(false, false));

    StepOutcome.Unproven u = assertInstanceOf(StepOutcome.Unproven.class, o, o.toString());
    assertInstanceOf(ProofOutcome.TimedOut.class, u.end());
    assertEquals(RevertState.ARMED, u.revert().orElseThrow().state(), "the host fires it");
    // the change is on the host and its checks pass, but it goes at the deadline: not verified
    assertEquals(StepStatus.APPLIED, u.state().status(), u.toString());
    assertEquals(FakeSteps.DONE, sim.readFile(TARGET).orElseThrow());
    e.refreshReverts(); // the practice VPS keeps no time: a due job fires when asked about
    assertEquals("before\n", sim.readFile(TARGET).orElseThrow());
    assertEquals(StepStatus.REVERTED, e.session().state("s3").orElseThrow().status());
  }

  @Test
  void aWaitThatEndsLongAfterTheDeadlineAsksTheHostWhatItsJobDid() throws Exception {
    WizardEngine e = fake(new ScriptedProofs(clock, true, "late"));
    e.setRevertWindow(Duration.ofSeconds(5));
    e.recordEvidence(proof());
    clock.advance(Duration.ofSeconds(1));

    StepOutcome o = e.applyStep(e.preview("s3"), listener(false, false));

    StepOutcome.Unproven u = assertInstanceOf(StepOutcome.Unproven.class, o, o.toString());
    assertInstanceOf(ProofOutcome.TimedOut.class, u.end());
    assertEquals(
        RevertState.FIRED, u.revert().orElseThrow().state(), "the host was asked: it fired");
    assertEquals("before\n", sim.readFile(TARGET).orElseThrow());
    assertEquals(StepStatus.REVERTED, u.state().status());
  }

  @Test
  void aMissingProofStopsTheStepUnlessTheFrontEndProvesItFirst() throws Exception {
    WizardEngine e = fake(new ScriptedProofs(clock, true, "proven", "proven"));
    StepPlan plan = e.preview("s3");
    assertEquals(1, plan.refused().size(), "the preview already says which part is refused");

    StepOutcome refused = e.applyStep(plan, listener(false, false));
    assertInstanceOf(StepOutcome.Refused.class, refused);
    assertEquals("before\n", sim.readFile(TARGET).orElseThrow(), "refused: nothing touched");

    StepOutcome o = e.applyStep(plan, listener(true, false));
    assertInstanceOf(StepOutcome.Done.class, o, o.toString());
    assertEquals(
        List.of(
            "asked key-login",
            "proven",
            "armed",
            "asked key-login under revert",
            "proven",
            "disarmed by key-login"),
        heard);
    assertEquals(2, e.session().evidence().size(), "the proof before and the new one after");
  }

  @Test
  void aPartThatOnlyAppearsAfterAnEarlierOneIsShownBeforeItRuns() throws Exception {
    WizardEngine e = engine(new ScriptedProofs(clock, true), twoParts(), twoPartCatalog());
    e.startOrResume(Answers.EMPTY);
    StepPlan plan = e.preview("t");
    assertFalse(plan.parts().get(0).plan().isEmpty());
    assertTrue(plan.parts().get(1).plan().isEmpty());
    assertTrue(plan.parts().get(1).later(), "an empty part after changes is planned again later");

    StepOutcome o = e.applyStep(plan, listener(false, false));

    StepOutcome.PlanChanged c = assertInstanceOf(StepOutcome.PlanChanged.class, o, o.toString());
    assertTrue(c.fresh().parts().get(0).plan().isEmpty(), "part a is in");
    assertFalse(c.fresh().parts().get(1).plan().isEmpty(), "part b has something to do now");
    assertEquals(Optional.empty(), sim.readFile(FakeSteps.marker("b")), "b did not run unseen");

    assertInstanceOf(StepOutcome.Done.class, e.applyStep(c.fresh(), listener(false, false)));
    assertEquals(FakeSteps.DONE, sim.readFile(FakeSteps.marker("b")).orElseThrow());
    assertEquals(StepStatus.VERIFIED, e.session().state("t").orElseThrow().status());
  }

  @Test
  void anUnattendedFrontEndAcceptsTheLaterPartAndTheStepIsDoneInOneGo() throws Exception {
    WizardEngine e = engine(new ScriptedProofs(clock, true), twoParts(), twoPartCatalog());
    e.startOrResume(Answers.EMPTY);

    StepOutcome o = e.applyStep(e.preview("t"), listener(false, true));

    assertInstanceOf(StepOutcome.Done.class, o, o.toString());
    assertEquals(List.of("changed"), heard);
    assertEquals(StepStatus.VERIFIED, o.state().status());
  }

  @Test
  void thePlanThatRunsIsTheOneShownNotOneMadeLater() throws Exception {
    WizardEngine e = engine(new ScriptedProofs(clock, true), twoParts(), twoPartCatalog());
    e.startOrResume(Answers.EMPTY);
    StepPlan plan = e.preview("t");
    sim.writeFile(FakeSteps.marker("a"), "someone else\n", FileAttrs.KEEP);

    StepOutcome o = e.applyStep(plan, listener(false, false));

    StepOutcome.Failed f = assertInstanceOf(StepOutcome.Failed.class, o, o.toString());
    assertEquals("engine.plan-stale", f.why().key());
    assertEquals("someone else\n", sim.readFile(FakeSteps.marker("a")).orElseThrow());
  }

  /** Step t: part a writes file a; part b writes file b, but only once a is done. */
  private static List<StepDefinition> twoParts() {
    Params none = new Params(Map.of());
    return List.of(
        new StepDefinition(
            "t",
            1,
            "step.t.title",
            new Teaching("w", "b", "u"),
            List.of(
                new CheckRef(
                    "t.b", "marker", "t", new Params(Map.of("path", FakeSteps.marker("b"))))),
            List.of(
                new FixRef("t.a", "t", none, false, List.of()),
                new FixRef("t.b", "t", none, false, List.of())),
            List.of(),
            "test"));
  }

  private static Catalog twoPartCatalog() {
    return Catalog.of(
        List.of(
            b ->
                b.kind("marker", new FakeSteps.MarkerCheck())
                    .fix(
                        "t.a",
                        (host, p, ctx) -> write("t.a", host.readFile(FakeSteps.marker("a")), "a"))
                    .fix(
                        "t.b",
                        (host, p, ctx) ->
                            host.readFile(FakeSteps.marker("a"))
                                    .filter(FakeSteps.DONE::equals)
                                    .isEmpty()
                                ? Plan.nothing("t.b")
                                : write("t.b", host.readFile(FakeSteps.marker("b")), "b"))));
  }

  private static Plan write(String fixId, Optional<String> now, String name) {
    if (now.filter(FakeSteps.DONE::equals).isPresent()) {
      return Plan.nothing(fixId);
    }
    return new Plan(
        fixId,
        List.of(new WriteFile(FakeSteps.marker(name), now, FakeSteps.DONE, FileAttrs.mode(0644))));
  }
}
