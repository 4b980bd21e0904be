package dev.hermesharden.fixes.sshkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.checks.sshkeys.LoginProof;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.testing.KeysFixtures;
import dev.hermesharden.testing.KeysStepRunner;
import dev.hermesharden.testing.PlanApplier;
import dev.hermesharden.testing.SshdTStubHost;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshKeysFixesTest {
  private static final String KEYS = "/home/admin/.ssh/authorized_keys";
  private static final String ED = KeysFixtures.read("sshkeys/ed25519.pub").strip();
  private static final StepContext CTX = StepContext.of(Answers.EMPTY.with(Answers.PUBLIC_KEY, ED));

  private static SshdTStubHost host() {
    return new SshdTStubHost(
        SimulatedHost.fresh(), KeysFixtures.read("sshd-keys/sshd-T-default.txt"));
  }

  @Test
  void freshVpsFailsThenFixesPassAllButTheProof() throws Exception {
    SshdTStubHost host = host();
    KeysStepRunner step = new KeysStepRunner("ssh-keys");
    Map<String, Verdict> before = step.check(host, CTX);
    for (String id :
        List.of(
            "ssh-keys.dir-mode",
            "ssh-keys.file-mode",
            "ssh-keys.acceptable-key",
            "ssh-keys.key-login")) {
      assertEquals(Status.FAIL, before.get(id).status(), id + " on the fresh VPS");
    }
    Map<String, Plan> plans = step.plan(host, CTX);
    assertEquals(
        "$ chmod 700 /home/admin/.ssh\n$ chmod 600 /home/admin/.ssh/authorized_keys\n",
        plans.get("ssh-keys.fix-modes").render());
    WriteFile w = (WriteFile) plans.get("ssh-keys.add-key").actions().get(0);
    assertEquals(KEYS, w.path());
    assertTrue(w.diff().contains("\n+" + ED + "\n"), w.diff());
    assertTrue(w.after().startsWith(w.before().orElseThrow()), "existing lines are kept");

    step.applyAll(host, CTX);
    Map<String, Verdict> after = step.check(host, CTX);
    after.forEach(
        (id, v) -> {
          if (!id.equals("ssh-keys.key-login")) {
            assertEquals(Status.PASS, v.status(), id + " " + v);
          }
        });
    assertEquals(Status.FAIL, after.get("ssh-keys.key-login").status(), "no proof yet");
    step.plan(host, CTX).forEach((id, p) -> assertTrue(p.isEmpty(), id + ": " + p.render()));

    // the proof arrives: fresh evidence resting on today's authorized_keys
    String hash = LoginProof.sha256Hex(host.readFile(KEYS).orElseThrow());
    Instant now = Instant.now();
    Evidence e =
        new Evidence(
            EvidenceKind.KEY_LOGIN,
            "admin",
            "SHA256:XTyQl91TEjGABFQilk5RNPM36wxxcBIBU5QbemFwh6M",
            "100.64.0.10",
            "100.101.102.103",
            now,
            Map.of(KEYS, hash),
            true);
    StepContext proven =
        new StepContext(CTX.answers(), List.of(e), Clock.systemUTC(), Optional.empty());
    assertEquals(Status.PASS, step.check(host, proven).get("ssh-keys.key-login").status());

    // someone edits authorized_keys afterwards: the proof is stale
    host.writeFile(KEYS, host.readFile(KEYS).orElseThrow() + "# edited\n", FileAttrs.KEEP);
    Verdict stale = step.check(host, proven).get("ssh-keys.key-login");
    assertEquals("reason.ssh-keys.proof-stale-file", stale.reason().key());
  }

  @Test
  void missingSshDirIsCreatedPrivate() throws Exception {
    SimulatedHost sim = SimulatedHost.fresh();
    sim.fs().delete(KEYS);
    sim.fs().delete("/home/admin/.ssh");
    SshdTStubHost host = new SshdTStubHost(sim, KeysFixtures.read("sshd-keys/sshd-T-default.txt"));
    Plan p = new AddKeyFix().plan(host, Params.NONE, CTX);
    assertEquals(
        List.of("install", "-d", "-m", "700", "-o", "admin", "-g", "admin", "/home/admin/.ssh"),
        ((RunCommand) p.actions().get(0)).argv());
    WriteFile w = (WriteFile) p.actions().get(1);
    assertEquals(Optional.empty(), w.before());
    assertEquals(FileAttrs.of("admin", "admin", 0600), w.attrs());
    PlanApplier.apply(host, p);
    FileStat s = host.stat(KEYS).orElseThrow();
    assertEquals("0600", s.octalMode());
    assertEquals("admin", s.owner());
    assertTrue(new FixModesFix().plan(host, Params.NONE, CTX).isEmpty());
    assertTrue(new AddKeyFix().plan(host, Params.NONE, CTX).isEmpty());
  }

  @Test
  void weakOrInvalidPastedKeyPlansNothing() throws Exception {
    for (String bad :
        List.of(
            KeysFixtures.read("sshkeys/rsa2048.pub"),
            KeysFixtures.read("sshkeys/dsa.pub"),
            "ssh-ed25519 AAAA",
            "hello")) {
      StepContext ctx = StepContext.of(Answers.EMPTY.with(Answers.PUBLIC_KEY, bad));
      assertTrue(new AddKeyFix().plan(host(), Params.NONE, ctx).isEmpty(), bad);
    }
    assertTrue(new AddKeyFix().plan(host(), Params.NONE, StepContext.of(Answers.EMPTY)).isEmpty());
  }

  @Test
  void keyAlreadyPresentWithOtherCommentIsNotAddedTwice() throws Exception {
    SshdTStubHost host = host();
    host.writeFile(KEYS, ED.replace("admin@laptop-new", "renamed") + "\n", FileAttrs.KEEP);
    assertTrue(new AddKeyFix().plan(host, Params.NONE, CTX).isEmpty());
  }

  /**
   * The same key on a line sshd refuses (past its expiry-time, or as cert-authority) is no copy:
   * the check fails on it, and the fix planned nothing, so the admin could not add it back.
   */
  @Test
  void aRefusedCopyOfThePastedKeyDoesNotStopItsAddition() throws Exception {
    for (String opts : List.of("expiry-time=\"20000101\" ", "cert-authority ")) {
      SshdTStubHost host = host();
      host.writeFile(KEYS, opts + ED + "\n", FileAttrs.KEEP);
      WriteFile w = (WriteFile) new AddKeyFix().plan(host, Params.NONE, CTX).actions().get(0);
      assertEquals(opts + ED + "\n" + ED + "\n", w.after(), opts);
    }
  }

  @Test
  void fileWithoutTrailingNewlineGetsOne() throws Exception {
    SshdTStubHost host = host();
    String old = host.readFile(KEYS).orElseThrow().strip();
    host.writeFile(KEYS, old, FileAttrs.KEEP);
    WriteFile w = (WriteFile) new AddKeyFix().plan(host, Params.NONE, CTX).actions().get(0);
    assertEquals(old + "\n" + ED + "\n", w.after());
  }

  @Test
  void wrongOwnerIsChownedBack() throws Exception {
    SshdTStubHost host = host();
    host.exec("chown", "root:root", "/home/admin/.ssh", KEYS);
    Plan p = new FixModesFix().plan(host, Params.NONE, CTX);
    assertEquals(
        "$ chmod 700 /home/admin/.ssh\n$ chown -- admin:admin /home/admin/.ssh\n"
            + "$ chmod 600 /home/admin/.ssh/authorized_keys\n"
            + "$ chown -- admin:admin /home/admin/.ssh/authorized_keys\n",
        p.render());
    PlanApplier.apply(host, p);
    assertTrue(new FixModesFix().plan(host, Params.NONE, CTX).isEmpty());
    assertEquals("admin", host.stat(KEYS).orElseThrow().owner());
  }
}
