package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.practice.SimFile;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.testing.MovableClock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanExecutorTest {
  private static final String STATE = PlanExecutor.DEFAULT_STATE_DIR;
  private static final String CONF = "/etc/ssh/sshd_config";
  // Odd bytes on purpose: tabs, trailing spaces, no final newline, non-ASCII.
  private static final String ORIGINAL =
      "Include /etc/ssh/sshd_config.d/*.conf\n\tPort 22  \n# Grüße";
  private static final String DROP_IN = "/etc/ssh/sshd_config.d/00-hermes-harden.conf";

  private SimulatedHost sim;
  private CountingHost host;
  private PlanExecutor executor;

  @BeforeEach
  void setUp() {
    sim = SimulatedHost.fresh();
    sim.fs().put(CONF, SimFile.file(ORIGINAL, "root", "root", 0640));
    sim.fs().mkdirs("/etc/ssh/sshd_config.d");
    host = new CountingHost(sim);
    executor = new PlanExecutor(host, STATE, MovableClock.at2026());
  }

  @Test
  void backsUpTheOriginalWithItsSha256BeforeWriting() throws Exception {
    Plan plan =
        new Plan(
            "t.edit",
            List.of(
                new WriteFile(
                    CONF, Optional.of(ORIGINAL), "PermitRootLogin no\n", FileAttrs.KEEP)));

    ApplyOutcome out = executor.execute(plan);

    assertTrue(out.ok(), out.toString());
    FileChange fc = out.change().files().get(0);
    assertEquals(Sha256.hex(ORIGINAL), fc.sha256Before());
    assertEquals(Sha256.hex("PermitRootLogin no\n"), fc.sha256After());
    assertEquals(
        STATE
            + "/backups/20261124T100000.000Z-"
            + Sha256.hex(ORIGINAL).substring(0, 12)
            + "-_etc_ssh_sshd_config",
        fc.backupPath());
    assertEquals(Optional.of(ORIGINAL), sim.readFile(fc.backupPath()), "backup is byte for byte");
    FileStat st = sim.stat(fc.backupPath()).orElseThrow();
    assertEquals(0600, st.mode(), "backup mode");
    assertEquals(0700, sim.stat(STATE + "/backups").orElseThrow().mode(), "backup dir mode");
    assertEquals(Optional.of("PermitRootLogin no\n"), sim.readFile(CONF));
    assertTrue(host.writes.indexOf(fc.backupPath()) < host.writes.indexOf(CONF), "backup first");
  }

  @Test
  void aNewFileHasNoBackupAndNoBeforeHash() {
    Plan plan =
        new Plan(
            "t.new",
            List.of(new WriteFile(DROP_IN, Optional.empty(), "X 1\n", FileAttrs.mode(0644))));
    ApplyOutcome out = executor.execute(plan);
    assertTrue(out.ok());
    assertNull(out.change().files().get(0).backupPath());
    assertNull(out.change().files().get(0).sha256Before());
  }

  @Test
  void failingValidationRestoresEveryWrittenFileByteForByte() throws Exception {
    Plan plan =
        new Plan(
            "t.sshd",
            List.of(
                new WriteFile(CONF, Optional.of(ORIGINAL), "broken\n", FileAttrs.mode(0600)),
                new WriteFile(
                    DROP_IN, Optional.empty(), "PasswordAuthentication no\n", FileAttrs.mode(0644)),
                RunCommand.validate("sshd-validate-that-fails", "-t"),
                RunCommand.of("systemctl", "reload", "ssh")));

    ApplyOutcome out = executor.execute(plan);

    assertFalse(out.ok());
    assertTrue(out.rolledBack());
    assertEquals("engine.command-failed", out.failure().orElseThrow().key());
    assertEquals(Optional.of(ORIGINAL), sim.readFile(CONF), "restored byte for byte");
    assertEquals(0640, sim.stat(CONF).orElseThrow().mode(), "old mode restored");
    assertEquals(Optional.empty(), sim.readFile(DROP_IN), "new file deleted");
    assertEquals(0, host.count(List.of("systemctl", "reload", "ssh")), "stops after the failure");
    assertEquals(List.of("sshd-validate-that-fails -t"), out.change().argvRun());
  }

  @Test
  void failingPlainCommandStopsWithoutRollback() throws Exception {
    Plan plan =
        new Plan(
            "t.x",
            List.of(
                new WriteFile(DROP_IN, Optional.empty(), "A\n", FileAttrs.mode(0644)),
                RunCommand.of("no-such-tool"),
                RunCommand.of("true")));
    ApplyOutcome out = executor.execute(plan);
    assertFalse(out.ok());
    assertFalse(out.rolledBack());
    assertEquals(Optional.of("A\n"), sim.readFile(DROP_IN));
    assertEquals(0, host.count(List.of("true")));
  }

  @Test
  void stalePlanIsRefusedAndNothingIsTouched() throws Exception {
    Plan plan =
        new Plan(
            "t.stale",
            List.of(
                new WriteFile(DROP_IN, Optional.empty(), "A\n", FileAttrs.mode(0644)),
                new WriteFile(CONF, Optional.of("what the plan saw\n"), "new\n", FileAttrs.KEEP)));

    ApplyOutcome out = executor.execute(plan);

    assertFalse(out.ok());
    assertEquals("engine.plan-stale", out.failure().orElseThrow().key());
    assertEquals(List.of(CONF), out.failure().orElseThrow().args());
    assertEquals(List.of(), host.writes, "nothing written");
    assertEquals(List.of(), host.commands, "nothing run");
    assertEquals(Optional.of(ORIGINAL), sim.readFile(CONF));
    assertFalse(out.change().touchedHost());
  }

  @Test
  void planForAFileThatAppearedMeanwhileIsStale() throws Exception {
    sim.writeFile(DROP_IN, "someone else\n", FileAttrs.KEEP);
    ApplyOutcome out =
        executor.execute(
            new Plan(
                "t.n", List.of(new WriteFile(DROP_IN, Optional.empty(), "A\n", FileAttrs.KEEP))));
    assertEquals("engine.plan-stale", out.failure().orElseThrow().key());
    assertEquals(Optional.of("someone else\n"), sim.readFile(DROP_IN));
  }
}
