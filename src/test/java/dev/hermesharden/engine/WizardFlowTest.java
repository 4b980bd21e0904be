package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.model.Answers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WizardFlowTest {
  private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

  private static Session fresh() {
    return WizardFlow.start(FakeSteps.steps(4), Answers.EMPTY, "id", "vps1", true, T);
  }

  private static List<CheckResult> pass() {
    return List.of(new CheckResult("c", Status.PASS, Reason.of("r"), Map.of()));
  }

  private static List<CheckResult> fail() {
    return List.of(
        new CheckResult("c", Status.PASS, Reason.of("r"), Map.of()),
        new CheckResult("d", Status.FAIL, Reason.of("r"), Map.of()));
  }

  private static List<StepStatus> statuses(Session s) {
    return s.steps().stream().map(StepState::status).toList();
  }

  @Test
  void startOpensOnlyTheFirstStep() {
    assertEquals(
        List.of(StepStatus.READY, StepStatus.LOCKED, StepStatus.LOCKED, StepStatus.LOCKED),
        statuses(fresh()));
    assertEquals("s1", WizardFlow.current(fresh()).orElseThrow().stepId());
  }

  @Test
  void secondStepStaysLockedUntilTheFirstIsVerified() {
    Session s = WizardFlow.checked(fresh(), "s1", fail(), T);
    assertEquals(StepStatus.CHECKED, s.state("s1").orElseThrow().status());
    assertEquals(StepStatus.LOCKED, s.state("s2").orElseThrow().status());
    Session after = s;
    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class, () -> WizardFlow.checked(after, "s2", pass(), T));
    assertEquals("engine.transition.locked", e.key());
    assertEquals(List.of("s2", "s1"), e.reason().args());

    s = WizardFlow.checked(s, "s1", pass(), T);
    assertEquals(StepStatus.VERIFIED, s.state("s1").orElseThrow().status());
    assertEquals(StepStatus.READY, s.state("s2").orElseThrow().status());
    assertEquals(StepStatus.LOCKED, s.state("s3").orElseThrow().status());
  }

  @Test
  void applySkipAndRevertOnALockedStepAreRefused() {
    Session s = fresh();
    AppliedChange c = new AppliedChange("s2.write", List.of("true"), List.of(), T);
    assertThrows(IllegalTransitionException.class, () -> WizardFlow.applied(s, "s2", c, T));
    assertThrows(
        IllegalTransitionException.class,
        () -> WizardFlow.skipped(s, "s2", new SkipReason(SkipKind.LATER, "busy"), T));
    assertThrows(IllegalTransitionException.class, () -> WizardFlow.reverted(s, "s2", T));
  }

  @Test
  void skipNeedsANonBlankReasonAndUnlocksTheNextStep() {
    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class, () -> new SkipReason(SkipKind.LATER, "  \n"));
    assertEquals("engine.skip.reason-required", e.key());
    assertThrows(
        IllegalTransitionException.class, () -> WizardFlow.skipped(fresh(), "s1", null, T));

    Session s =
        WizardFlow.skipped(
            fresh(), "s1", new SkipReason(SkipKind.DONE_ELSEWHERE, " cloud firewall "), T);
    assertEquals(StepStatus.SKIPPED, s.state("s1").orElseThrow().status());
    assertEquals("cloud firewall", s.state("s1").orElseThrow().skip().orElseThrow().text());
    assertEquals(StepStatus.READY, s.state("s2").orElseThrow().status());
    assertEquals("s2", WizardFlow.current(s).orElseThrow().stepId());
  }

  @Test
  void aVerifiedStepCannotBeSkipped() {
    Session s = WizardFlow.checked(fresh(), "s1", pass(), T);
    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class,
            () -> WizardFlow.skipped(s, "s1", new SkipReason(SkipKind.LATER, "x"), T));
    assertEquals("engine.transition.not-allowed", e.key());
  }

  @Test
  void applyThenPassingCheckVerifies() {
    AppliedChange c = new AppliedChange("s1.write", List.of("true"), List.of(), T);
    Session s = WizardFlow.applied(fresh(), "s1", c, T);
    assertEquals(StepStatus.APPLIED, s.state("s1").orElseThrow().status());
    assertEquals(StepStatus.LOCKED, s.state("s2").orElseThrow().status());
    s = WizardFlow.checked(s, "s1", pass(), T);
    assertEquals(List.of(c), s.state("s1").orElseThrow().changes());
    assertEquals(StepStatus.READY, s.state("s2").orElseThrow().status());
  }

  @Test
  void failingRecheckOfAnEarlierStepLocksLaterStepsButKeepsTheirHistoryAndSkips() {
    Session s = WizardFlow.checked(fresh(), "s1", pass(), T);
    s = WizardFlow.checked(s, "s2", pass(), T);
    s = WizardFlow.skipped(s, "s3", new SkipReason(SkipKind.NOT_APPLICABLE, "no docker"), T);
    s = WizardFlow.checked(s, "s4", fail(), T);

    s = WizardFlow.checked(s, "s1", fail(), T);

    assertEquals(
        List.of(StepStatus.CHECKED, StepStatus.LOCKED, StepStatus.SKIPPED, StepStatus.LOCKED),
        statuses(s));
    assertEquals(pass(), s.state("s2").orElseThrow().lastResults(), "history is kept");
    assertEquals(fail(), s.state("s4").orElseThrow().lastResults(), "history is kept");
    assertEquals("s1", WizardFlow.current(s).orElseThrow().stepId());

    s = WizardFlow.checked(s, "s1", pass(), T);
    assertEquals(
        List.of(StepStatus.VERIFIED, StepStatus.READY, StepStatus.SKIPPED, StepStatus.LOCKED),
        statuses(s));
  }

  @Test
  void revertReopensTheStepAndLocksLaterOnes() {
    AppliedChange c = new AppliedChange("s1.write", List.of("true"), List.of(), T);
    Session s = WizardFlow.applied(fresh(), "s1", c, T);
    s = WizardFlow.checked(s, "s1", pass(), T);
    s = WizardFlow.reverted(s, "s1", T);
    assertEquals(StepStatus.REVERTED, s.state("s1").orElseThrow().status());
    assertEquals(StepStatus.LOCKED, s.state("s2").orElseThrow().status());
    assertTrue(s.state("s1").orElseThrow().changes().contains(c));
  }

  @Test
  void revertWithoutChangesIsRefused() {
    IllegalTransitionException e =
        assertThrows(IllegalTransitionException.class, () -> WizardFlow.reverted(fresh(), "s1", T));
    assertEquals("engine.transition.nothing-to-revert", e.key());
  }

  @Test
  void failingCheckOfASkippedStepKeepsTheSkip() {
    Session s = WizardFlow.skipped(fresh(), "s1", new SkipReason(SkipKind.LATER, "tomorrow"), T);
    s = WizardFlow.checked(s, "s1", fail(), T);
    assertEquals(StepStatus.SKIPPED, s.state("s1").orElseThrow().status());
    assertEquals(StepStatus.READY, s.state("s2").orElseThrow().status());
  }

  @Test
  void allPassedMeansNoCurrentStep() {
    Session s = fresh();
    for (String id : List.of("s1", "s2", "s3", "s4")) {
      s = WizardFlow.checked(s, id, pass(), T);
    }
    assertTrue(WizardFlow.current(s).isEmpty());
  }
}
