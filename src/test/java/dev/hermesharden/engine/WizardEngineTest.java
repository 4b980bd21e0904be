package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.practice.PracticeMode;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WizardEngineTest {
  private static final int N = 4;
  private static final String KEYS = "/home/admin/.ssh/authorized_keys";
  private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKey admin@laptop\n";

  @TempDir Path tmp;
  private final List<StepDefinition> steps = FakeSteps.steps(N);
  private final Catalog catalog = FakeSteps.catalog(N);
  private final MovableClock clock = MovableClock.at2026();
  private SimulatedHost sim;
  private CountingHost host;

  @BeforeEach
  void setUp() throws Exception {
    sim = SimulatedHost.fresh();
    sim.fs().mkdirs(FakeSteps.DIR);
    sim.fs().mkdirs("/home/admin/.ssh");
    sim.writeFile(KEYS, KEY, FileAttrs.mode(0600));
    host = new CountingHost(sim);
  }

  private Journal journal() {
    return new Journal(tmp.resolve("state"), clock);
  }

  private WizardEngine engine() {
    return engine(tmp.resolve("state"));
  }

  private WizardEngine engine(Path stateDir) {
    return new WizardEngine(PracticeMode.of(host, stateDir, clock), steps, catalog, clock);
  }

  /** The step after an apply that went through (a guarded one waits for its new proof). */
  private static StepState applied(FixOutcome o, String what) {
    if (o instanceof FixOutcome.NeedsProof n) {
      return n.state();
    }
    FixOutcome.Done d = assertInstanceOf(FixOutcome.Done.class, o, what + ": " + o);
    assertTrue(d.outcome().ok(), d.toString());
    return d.state();
  }

  private Evidence freshProof(String user) {
    return new Evidence(
        EvidenceKind.KEY_LOGIN,
        user,
        "SHA256:k",
        "100.64.0.1",
        "100.64.0.2",
        clock.instant(),
        Map.of(KEYS, Sha256.hex(KEY)),
        true);
  }

  private StepStatus status(WizardEngine e, String id) {
    return e.session().state(id).orElseThrow().status();
  }

  private Session saved() {
    return assertInstanceOf(JournalLoad.Loaded.class, journal().load()).session();
  }

  /** Verifies steps s1..sk by applying their fixes (with a fresh proof for the guarded s3). */
  private void complete(WizardEngine e, int k) {
    for (int i = 1; i <= k; i++) {
      if (i == 3) {
        e.recordEvidence(freshProof("admin"));
      }
      StepState st = applied(e.applyFix("s" + i, "s" + i + ".write"), "s" + i);
      assertEquals(StepStatus.VERIFIED, st.status());
    }
  }

  @Test
  void destructiveApplyIsRefusedInsideTheEngineAndTheHostIsUntouched() throws Exception {
    WizardEngine e = engine();
    e.startOrResume(Answers.EMPTY);
    complete(e, 2);
    int writes = host.writes.size();
    int commands = host.commands.size();

    FixOutcome r = e.applyFix("s3", "s3.write");

    FixOutcome.Refused refused = assertInstanceOf(FixOutcome.Refused.class, r);
    assertEquals("guard.missing.absent", refused.missing().get(0).why().key());
    assertEquals(writes, host.writes.size(), "no file written: " + host.writes);
    assertEquals(commands, host.commands.size(), "no command run");
    assertEquals(Optional.empty(), sim.readFile(FakeSteps.marker("s3")));
    assertEquals(StepStatus.READY, status(e, "s3"));

    e.recordEvidence(freshProof("root"));
    assertInstanceOf(FixOutcome.Refused.class, e.applyFix("s3", "s3.write"), "proof for root");
    e.recordEvidence(freshProof("admin"));
    clock.advance(Duration.ofMinutes(31));
    assertInstanceOf(FixOutcome.Refused.class, e.applyFix("s3", "s3.write"), "proof too old");
    assertEquals(Optional.empty(), sim.readFile(FakeSteps.marker("s3")));

    e.recordEvidence(freshProof("admin"));
    applied(e.applyFix("s3", "s3.write"), "s3");
    assertEquals(StepStatus.VERIFIED, status(e, "s3"));
    assertEquals(Optional.of(FakeSteps.DONE), sim.readFile(FakeSteps.marker("s3")));
  }

  @Test
  void lockedStepCannotBeCheckedAppliedOrSkipped() {
    WizardEngine e = engine();
    e.startOrResume(Answers.EMPTY);
    IllegalTransitionException x =
        assertThrows(IllegalTransitionException.class, () -> e.check("s2"));
    assertEquals("engine.transition.locked", x.key());
    assertThrows(IllegalTransitionException.class, () -> e.applyFix("s2", "s2.write"));
    assertThrows(IllegalTransitionException.class, () -> e.skip("s2", SkipKind.LATER, "x"));
    assertEquals(List.of(), host.writes, "nothing written");
    assertEquals(Optional.empty(), sim.readFile(FakeSteps.marker("s2")));
  }

  @Test
  void skipNeedsAReasonUnlocksTheNextStepAndIsSaved() {
    WizardEngine e = engine();
    e.startOrResume(Answers.EMPTY);
    assertThrows(IllegalTransitionException.class, () -> e.skip("s1", SkipKind.LATER, " "));
    assertEquals(StepStatus.READY, status(e, "s1"));

    e.skip("s1", SkipKind.DONE_ELSEWHERE, "provider firewall");

    assertEquals(StepStatus.READY, status(e, "s2"));
    StepState s1 = saved().state("s1").orElseThrow();
    assertEquals(StepStatus.SKIPPED, s1.status());
    assertEquals(
        new SkipReason(SkipKind.DONE_ELSEWHERE, "provider firewall"), s1.skip().orElseThrow());
  }

  @Test
  void everyTransitionIsSavedAndEveryCommandLogged() throws Exception {
    sim.writeFile(FakeSteps.marker("s1"), "old\n", FileAttrs.mode(0644));
    WizardEngine e = engine();
    e.startOrResume(Answers.EMPTY);
    e.check("s1");
    assertEquals(StepStatus.CHECKED, saved().state("s1").orElseThrow().status());
    e.applyFix("s1", "s1.write");
    Session s = saved();
    assertEquals(e.session(), s);
    assertTrue(
        s.log().stream().anyMatch(j -> j.argv().equals(List.of("true")) && j.exitCode() == 0),
        s.log().toString());
    assertTrue(
        s.log().stream().anyMatch(j -> j.argv().get(0).equals("install")), s.log().toString());
    List<FileChange> files = s.state("s1").orElseThrow().changes().get(0).files();
    assertEquals(FakeSteps.marker("s1"), files.get(0).path());
    assertEquals(Sha256.hex("old\n"), files.get(0).sha256Before());
    assertEquals(Optional.of("old\n"), sim.readFile(files.get(0).backupPath()));
  }

  @Test
  void resultsKeptForLaterAreSavedByPersistOrWithTheNextChangeThatMustBeSaved() throws Exception {
    WizardEngine e = engine();
    e.saveResultsLater(); // the full-screen wizard: shown first, saved when its worker is idle
    e.startOrResume(Answers.EMPTY);
    e.check("s1");
    assertEquals(StepStatus.CHECKED, status(e, "s1"));
    assertTrue(e.unsaved());
    assertFalse(Files.exists(journal().file()), "a new session and its results wait");
    e.persist();
    assertFalse(e.unsaved());
    assertEquals(e.session(), saved());
    e.persist(); // nothing kept: no second write
    assertEquals(e.session(), saved());

    // what must be saved is saved before the call returns, with the results kept before it
    sim.writeFile(FakeSteps.marker("s1"), "old\n", FileAttrs.mode(0644));
    e.check("s1");
    assertTrue(e.unsaved());
    e.recordEvidence(freshProof("admin"));
    assertFalse(e.unsaved());
    assertEquals(e.session(), saved());
    e.applyFix("s1", "s1.write"); // saved as applied; the checks after it are results again
    assertEquals(StepStatus.APPLIED, saved().state("s1").orElseThrow().status());
    assertEquals(StepStatus.VERIFIED, status(e, "s1"));
    e.persist();
    assertEquals(e.session(), saved());
  }

  @Test
  void planShowsChangesWithoutMakingThem() throws Exception {
    WizardEngine e = engine();
    e.startOrResume(Answers.EMPTY);
    List<Plan> plans = e.plan("s2");
    assertFalse(plans.get(0).isEmpty(), "plan of a locked step can be looked at");
    assertEquals(List.of(), host.writes);
  }

  @Test
  void resumeAfterStoppingAtEveryStepContinuesAtTheSameStep() throws Exception {
    for (int k = 0; k <= N; k++) {
      setUp();
      Path dir = tmp.resolve("run" + k);
      WizardEngine first = engine(dir);
      first.startOrResume(Answers.EMPTY);
      complete(first, k);
      List<StepStatus> before = first.session().steps().stream().map(StepState::status).toList();

      WizardEngine second = engine(dir);
      ResumeReport report = second.startOrResume(Answers.EMPTY);

      assertTrue(report.resumed(), "k=" + k);
      assertEquals(first.session().id(), second.session().id());
      List<String> expected = steps.subList(0, k).stream().map(StepDefinition::id).toList();
      assertEquals(
          expected,
          report.rechecked().stream().map(ResumeReport.Recheck::stepId).toList(),
          "k=" + k);
      assertEquals(List.of(), report.changes(), "k=" + k);
      assertEquals(
          before, second.session().steps().stream().map(StepState::status).toList(), "k=" + k);
      Optional<String> current = WizardFlow.current(second.session()).map(StepState::stepId);
      assertEquals(k < N ? Optional.of("s" + (k + 1)) : Optional.empty(), current, "k=" + k);
    }
  }

  @Test
  void resumeRechecksLiveAndLocksLaterStepsWhenAVerifiedStepNowFails() throws Exception {
    WizardEngine first = engine();
    first.startOrResume(Answers.EMPTY);
    complete(first, 3);
    sim.deleteFile(FakeSteps.marker("s2")); // someone undid step 2 while the wizard was away

    WizardEngine second = engine();
    ResumeReport report = second.startOrResume(Answers.EMPTY);

    assertEquals(1, report.changes().size(), report.toString());
    ResumeReport.Recheck r = report.changes().get(0);
    assertEquals("s2", r.stepId());
    assertEquals(StepStatus.VERIFIED, r.before());
    assertEquals(StepStatus.CHECKED, r.after());
    assertEquals(List.of("s3", "s4"), report.relocked().stream().sorted().toList());
    assertEquals(StepStatus.LOCKED, status(second, "s3"));
    assertEquals(StepStatus.LOCKED, saved().state("s3").orElseThrow().status(), "saved");
    assertFalse(saved().state("s3").orElseThrow().changes().isEmpty(), "history kept");

    // Fixing step 2 again re-checks step 3 (it had passed before) and opens step 4.
    second.applyFix("s2", "s2.write");
    assertEquals(StepStatus.VERIFIED, status(second, "s2"));
    assertEquals(StepStatus.VERIFIED, status(second, "s3"));
    assertEquals(StepStatus.READY, status(second, "s4"));
  }

  @Test
  void corruptStateFileIsReportedAndANewSessionStarts() throws Exception {
    Files.createDirectories(tmp.resolve("state"));
    Files.writeString(journal().file(), "{not json");
    ResumeReport report = engine().startOrResume(Answers.EMPTY);
    assertFalse(report.resumed());
    assertEquals("engine.journal.bad-json", report.problem().orElseThrow().key());
    assertEquals(StepStatus.READY, saved().state("s1").orElseThrow().status());
  }

  @Test
  void sessionOfAnotherHostIsSetAsideNotResumed() throws Exception {
    WizardEngine first = engine();
    first.startOrResume(Answers.EMPTY);
    complete(first, 1);
    sim.writeFile("/etc/hostname", "other-vps\n", FileAttrs.KEEP);

    ResumeReport report = engine().startOrResume(Answers.EMPTY);

    assertFalse(report.resumed());
    assertEquals("engine.resume.other-host", report.problem().orElseThrow().key());
    assertEquals(StepStatus.READY, saved().state("s1").orElseThrow().status());
    assertEquals("other-vps", saved().hostName());
  }

  @Test
  void theShownPlanIsAppliedOnlyWhileTheFileIsStillAsShown() throws Exception {
    WizardEngine e = engine();
    e.startOrResume(Answers.EMPTY);
    Plan shown = e.plan("s1").get(0);
    sim.writeFile(FakeSteps.marker("s1"), "edited meanwhile\n", FileAttrs.KEEP);

    FixOutcome.Failed r =
        assertInstanceOf(FixOutcome.Failed.class, e.applyFix("s1", "s1.write", shown));

    assertEquals("engine.plan-stale", r.why().key());
    assertEquals(Optional.of("edited meanwhile\n"), sim.readFile(FakeSteps.marker("s1")));
    assertEquals(StepStatus.CHECKED, r.state().status());
    assertTrue(r.state().changes().isEmpty(), "nothing applied, nothing recorded");
  }
}
