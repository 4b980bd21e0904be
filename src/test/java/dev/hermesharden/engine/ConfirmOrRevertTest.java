package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.practice.PracticeMode;
import dev.hermesharden.practice.SimFs;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.practice.SimulatedRevertLauncher;
import dev.hermesharden.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confirm-or-revert through the engine on the practice VPS (simulated timers): a guarded apply arms
 * a job first; only a proof newer than the apply disarms it; without one the job fires at its
 * deadline, puts the files back and the step becomes REVERTED; resume reports every job, also when
 * the state file was lost.
 */
class ConfirmOrRevertTest {
  private static final String KEYS = "/home/admin/.ssh/authorized_keys";
  private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKey admin@laptop\n";
  private static final String TARGET = FakeSteps.marker("s3");

  @TempDir Path tmp;
  private final MovableClock clock = MovableClock.at2026();
  private SimulatedHost sim;

  @BeforeEach
  void setUp() throws Exception {
    sim = SimulatedHost.fresh();
    sim.fs().mkdirs(FakeSteps.DIR);
    sim.fs().mkdirs("/home/admin/.ssh");
    sim.writeFile(KEYS, KEY, FileAttrs.mode(0600));
    sim.writeFile(TARGET, "before\n", FileAttrs.mode(0640));
  }

  private WizardEngine engine() {
    return new WizardEngine(
        PracticeMode.of(sim, tmp.resolve("state"), clock),
        FakeSteps.steps(4),
        FakeSteps.catalog(4),
        clock);
  }

  private Evidence proof(EvidenceKind kind) {
    return new Evidence(
        kind,
        "admin",
        "SHA256:k",
        "100.64.0.10",
        "100.64.0.2",
        clock.instant(),
        Map.of(KEYS, Sha256.hex(KEY)),
        true);
  }

  /** s1, s2 done, a proof for s3, then s3 applied under an armed revert. */
  private ArmedRevert applyGuarded(WizardEngine e) {
    e.startOrResume(Answers.EMPTY);
    e.applyFix("s1", "s1.write");
    e.applyFix("s2", "s2.write");
    e.recordEvidence(proof(EvidenceKind.KEY_LOGIN));
    clock.advance(Duration.ofSeconds(5));
    FixOutcome r = e.applyFix("s3", "s3.write");
    FixOutcome.NeedsProof n = assertInstanceOf(FixOutcome.NeedsProof.class, r, r.toString());
    assertEquals(EvidenceKind.KEY_LOGIN, n.kind());
    assertEquals(1, e.pendingReverts().size());
    assertEquals(n.revert().id(), e.pendingReverts().get(0).id());
    return e.pendingReverts().get(0);
  }

  @Test
  void armsBeforeApplyingWithScriptBackupAndTimerOnTheHost() throws Exception {
    WizardEngine e = engine();
    ArmedRevert a = applyGuarded(e);
    assertEquals(SimulatedRevertLauncher.SIMULATED, a.mechanism());
    assertEquals(WizardEngine.DEFAULT_REVERT_WINDOW, Duration.between(a.armedAt(), a.deadline()));
    String script = sim.readFile(a.script()).orElseThrow();
    assertTrue(script.startsWith("#!/bin/sh\n"), script);
    assertTrue(script.contains("restore '/var/lib/hermes-harden/backups/revert-"), script);
    FileChange f = a.files().get(0);
    assertEquals("before\n", sim.readFile(f.backupPath()).orElseThrow());
    assertTrue(sim.fs().exists(SimFs.SIM_DIR + "/revert/" + a.unit() + ".timer"));
    assertEquals(FakeSteps.DONE, sim.readFile(TARGET).orElseThrow());
  }

  @Test
  void onlyAProofNewerThanTheApplyDisarms() throws Exception {
    WizardEngine e = engine();
    ArmedRevert a = applyGuarded(e);
    e.recordEvidence(
        new Evidence(
            EvidenceKind.KEY_LOGIN,
            "admin",
            "SHA256:k",
            "100.64.0.10",
            "100.64.0.2",
            a.armedAt().minusSeconds(1),
            Map.of(),
            true));
    assertEquals(1, e.pendingReverts().size(), "an older proof does not disarm");
    clock.advance(Duration.ofSeconds(10));
    e.recordEvidence(
        new Evidence(
            EvidenceKind.KEY_LOGIN,
            "root",
            "SHA256:k",
            "100.64.0.10",
            "100.64.0.2",
            clock.instant(),
            Map.of(),
            true));
    assertEquals(1, e.pendingReverts().size(), "another user's proof does not disarm");
    e.recordEvidence(proof(EvidenceKind.PRIVATE_PATH_LOGIN));
    assertTrue(e.pendingReverts().isEmpty(), "a private-path login is a key-only login too");
    assertEquals(RevertState.DISARMED, e.session().reverts().get(0).state());
    assertFalse(sim.fs().exists(SimFs.SIM_DIR + "/revert/" + a.unit() + ".timer"));
    clock.advance(Duration.ofMinutes(5));
    e.refreshReverts();
    assertEquals(FakeSteps.DONE, sim.readFile(TARGET).orElseThrow(), "the change stays");
  }

  @Test
  void withoutAProofTheJobFiresAtItsDeadlineAndTheStepIsReverted() throws Exception {
    WizardEngine e = engine();
    ArmedRevert a = applyGuarded(e);
    clock.advance(Duration.ofSeconds(60));
    e.refreshReverts();
    assertEquals(FakeSteps.DONE, sim.readFile(TARGET).orElseThrow(), "not yet due");
    clock.advance(Duration.ofSeconds(61));
    e.refreshReverts();
    assertEquals("before\n", sim.readFile(TARGET).orElseThrow());
    assertEquals(RevertState.FIRED, e.session().reverts().get(0).state());
    assertEquals(StepStatus.REVERTED, e.session().state("s3").orElseThrow().status());
    assertTrue(
        sim.readFile("/var/lib/hermes-harden/revert/" + a.id() + ".log")
            .orElseThrow()
            .contains("SIMULATED"));
  }

  @Test
  void resumeReportsTheJobAndAFiredOneRevertsTheStep() throws Exception {
    ArmedRevert a = applyGuarded(engine());
    clock.advance(Duration.ofMinutes(3));
    WizardEngine again = engine();
    ResumeReport r = again.startOrResume(Answers.EMPTY);
    assertEquals(1, r.reverts().size(), r.toString());
    assertEquals(
        new RevertReport(a.id(), "s3", "s3.write", RevertState.FIRED, true), r.reverts().get(0));
    assertEquals("before\n", sim.readFile(TARGET).orElseThrow());
  }

  @Test
  void corruptStateFileWithAPendingJobIsReportedAndTheJobStillFires() throws Exception {
    ArmedRevert a = applyGuarded(engine());
    Files.writeString(tmp.resolve("state").resolve(Journal.FILE), "{ not json");
    WizardEngine again = engine();
    ResumeReport r = again.startOrResume(Answers.EMPTY);
    assertTrue(r.problem().isPresent(), "the corrupt file is reported");
    assertEquals(
        new RevertReport(a.id(), "", "", RevertState.ARMED, false),
        r.reverts().get(0),
        "the job found on the host is reported although the state file forgot it");
    try (var files = Files.list(tmp.resolve("state"))) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("state.json.corrupt-")));
    }
  }
}
