package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Freshness;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.FixRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuardTest {
  private static final String KEYS = "/home/admin/.ssh/authorized_keys";
  private static final String KEY_LINE =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests admin@laptop\n";
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final FixRef DROP_IN =
      new FixRef("sshd.drop-in", "t", Params.NONE, true, List.of(EvidenceKind.KEY_LOGIN));

  private SimulatedHost host;
  private final Guard guard = new Guard();

  @BeforeEach
  void setUp() throws Exception {
    host = SimulatedHost.fresh();
    host.fs().mkdirs("/home/admin/.ssh");
    host.writeFile(KEYS, KEY_LINE, FileAttrs.mode(0600));
  }

  private static Evidence proof(String user, Instant at, String keysSha) {
    return new Evidence(
        EvidenceKind.KEY_LOGIN,
        user,
        "SHA256:abc",
        "203.0.113.10",
        "198.51.100.7",
        at,
        Map.of(KEYS, keysSha),
        true);
  }

  private Missing refusedWith(List<Evidence> evidence) {
    GuardDecision d = guard.decide(DROP_IN, evidence, "admin", true, host, NOW);
    GuardDecision.Refused r = assertInstanceOf(GuardDecision.Refused.class, d, "must be refused");
    assertEquals(1, r.missing().size());
    Missing m = r.missing().get(0);
    assertEquals(EvidenceKind.KEY_LOGIN, m.kind());
    assertEquals(Reason.of("guard.how.key-login", "admin"), m.how());
    return m;
  }

  @Test
  void refusedWithoutEvidence() {
    assertEquals(
        Reason.of("guard.missing.absent", "key-login", "admin"), refusedWith(List.of()).why());
  }

  @Test
  void refusedWhenEvidenceIsTooOld() {
    Evidence old =
        proof("admin", NOW.minus(Freshness.DEFAULT_MAX_AGE).minusSeconds(60), Sha256.hex(KEY_LINE));
    assertEquals(Reason.of("evidence.stale.age", "31"), refusedWith(List.of(old)).why());
  }

  @Test
  void refusedWhenAuthorizedKeysChangedSinceTheProof() throws Exception {
    Evidence e = proof("admin", NOW.minusSeconds(60), Sha256.hex(KEY_LINE));
    host.writeFile(KEYS, KEY_LINE + "ssh-ed25519 AAAAother intruder\n", FileAttrs.KEEP);
    assertEquals(Reason.of("evidence.stale.file", KEYS), refusedWith(List.of(e)).why());
  }

  @Test
  void refusedWhenTheFileTheProofRestsOnIsGone() throws Exception {
    Evidence e = proof("admin", NOW.minusSeconds(60), Sha256.hex(KEY_LINE));
    host.deleteFile(KEYS);
    assertEquals(Reason.of("evidence.stale.file", KEYS), refusedWith(List.of(e)).why());
  }

  @Test
  void refusedWhenEvidenceIsForAnotherUser() {
    Evidence root = proof("root", NOW.minusSeconds(60), Sha256.hex(KEY_LINE));
    assertEquals(
        Reason.of("guard.missing.wrong-user", "root", "admin"), refusedWith(List.of(root)).why());
  }

  @Test
  void refusedWhenEvidenceIsDatedInTheFuture() {
    Evidence future = proof("admin", NOW.plus(Duration.ofHours(2)), Sha256.hex(KEY_LINE));
    assertEquals("evidence.stale.future", refusedWith(List.of(future)).why().key());
  }

  @Test
  void practiceProofDoesNotCountOnARealHost() {
    Evidence simulated = proof("admin", NOW.minusSeconds(60), Sha256.hex(KEY_LINE));
    Evidence real =
        new Evidence(
            simulated.kind(),
            "admin",
            "SHA256:abc",
            "a",
            "b",
            simulated.at(),
            simulated.restsOn(),
            false);
    assertEquals(
        Reason.of("guard.missing.simulated", "key-login"), refusedWith(List.of(real)).why());
  }

  @Test
  void allowedWithFreshEvidenceForTheAdminAfterBeingRefused() {
    Evidence stale = proof("admin", NOW.minus(Duration.ofHours(3)), Sha256.hex(KEY_LINE));
    refusedWith(List.of(stale));
    Evidence fresh = proof("admin", NOW.minusSeconds(30), Sha256.hex(KEY_LINE));
    GuardDecision d = guard.decide(DROP_IN, List.of(stale, fresh), "admin", true, host, NOW);
    assertTrue(d.allowed(), "fresh proof for admin must be accepted: " + d);
  }

  @Test
  void aFixRequiringNothingIsAllowed() {
    FixRef plain = new FixRef("users.add", "t", Params.NONE, false, List.of());
    assertInstanceOf(
        GuardDecision.Allowed.class, guard.decide(plain, List.of(), "admin", true, host, NOW));
  }
}
