package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.practice.PracticeMode;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command used to repeat every old "Auto-revert … was disarmed" line: a job is reported while
 * it waits and once when it ends, then never again; a job found on the host without a state entry
 * (a lost state file) likewise.
 */
class RevertReportsOnceTest {
  @TempDir Path tmp;
  private final MovableClock clock = MovableClock.at2026();

  private WizardEngine engine(SimulatedHost sim) {
    return new WizardEngine(
        PracticeMode.of(sim, tmp.resolve("state"), clock),
        FakeSteps.steps(4),
        FakeSteps.catalog(4),
        clock);
  }

  private SimulatedHost vps() throws Exception {
    SimulatedHost sim = SimulatedHost.fresh();
    sim.fs().mkdirs(FakeSteps.DIR);
    sim.writeFile(FakeSteps.marker("s3"), "before\n", FileAttrs.mode(0640));
    return sim;
  }

  private ArmedRevert armed(WizardEngine e) {
    e.startOrResume(Answers.EMPTY);
    e.applyFix("s1", "s1.write");
    e.applyFix("s2", "s2.write");
    e.recordEvidence(proof());
    clock.advance(Duration.ofSeconds(1));
    e.applyFix("s3", "s3.write");
    return e.pendingReverts().get(0);
  }

  private Evidence proof() {
    return new Evidence(
        EvidenceKind.KEY_LOGIN, "admin", "SHA256:k", "a", "b", clock.instant(), Map.of(), true);
  }

  @Test
  void aDisarmedJobIsNotReportedAgain() throws Exception {
    SimulatedHost sim = vps();
    WizardEngine first = engine(sim);
    armed(first);
    clock.advance(Duration.ofSeconds(1));
    first.recordEvidence(proof());
    assertEquals(List.of(), engine(sim).startOrResume(Answers.EMPTY).reverts());
    assertEquals(List.of(), engine(sim).startOrResume(Answers.EMPTY).reverts());
  }

  @Test
  void aFiredJobIsReportedOnceWhenItIsFoundFired() throws Exception {
    SimulatedHost sim = vps();
    ArmedRevert a = armed(engine(sim));
    clock.advance(Duration.ofMinutes(3));
    List<RevertReport> once = engine(sim).startOrResume(Answers.EMPTY).reverts();
    assertEquals(
        List.of(new RevertReport(a.id(), "s3", "s3.write", RevertState.FIRED, true)), once);
    assertEquals(List.of(), engine(sim).startOrResume(Answers.EMPTY).reverts());
  }

  @Test
  void anOrphanIsReportedWhileItWaitsAndOnceWhenItIsOverThenSettled() throws Exception {
    SimulatedHost sim = vps();
    ArmedRevert a = armed(engine(sim));
    Files.writeString(tmp.resolve("state").resolve(Journal.FILE), "{ not json");
    RevertReport waiting = engine(sim).startOrResume(Answers.EMPTY).reverts().get(0);
    assertEquals(RevertState.ARMED, waiting.state());
    assertEquals(a.id(), waiting.id());
    // the job ends on the host (here: its marker says disarmed)
    sim.writeFile(
        "/var/lib/hermes-harden/revert/" + a.id() + ".disarmed", "x\n", FileAttrs.mode(0600));
    List<RevertReport> over = engine(sim).startOrResume(Answers.EMPTY).reverts();
    assertEquals(List.of(new RevertReport(a.id(), "", "", RevertState.DISARMED, false)), over);
    assertEquals(List.of(), engine(sim).startOrResume(Answers.EMPTY).reverts());
  }
}
