package dev.hermesharden.checks.sshkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshkeys.AuthorizedKeysFiles;
import dev.hermesharden.testing.KeysFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshKeysChecksTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final PasswdEntry ADMIN =
      PasswdEntry.parse("admin:x:1000:1000:Admin,,,:/home/admin:/bin/bash").orElseThrow();
  private static final String HOME_KEYS = "/home/admin/.ssh/authorized_keys";
  private static final String ED = KeysFixtures.read("sshkeys/ed25519.pub");
  private static final String RSA2048 = KeysFixtures.read("sshkeys/rsa2048.pub");
  private static final String DSA = KeysFixtures.read("sshkeys/dsa.pub");

  private static FileStat stat(String path, String owner, int mode, boolean dir) {
    return new FileStat(
        path, owner, owner, mode, 100, dir ? "directory" : "regular file", 1732406400L);
  }

  /** Facts as gather() builds them, with keys text in the files sshd -T names. */
  private static AdminKeys facts(
      String sshdT, int dirMode, String owner, int fileMode, String keysText) {
    List<String> patterns = AuthorizedKeysFiles.fromSshdT(sshdT).orElseThrow();
    List<String> paths = AuthorizedKeysFiles.resolve(patterns, "admin", 1000, "/home/admin");
    List<AdminKeys.KeyFile> files = new ArrayList<>();
    for (String p : paths) {
      boolean present = p.equals(HOME_KEYS) && keysText != null;
      files.add(
          new AdminKeys.KeyFile(
              p,
              true,
              present ? Optional.of(stat(p, owner, fileMode, false)) : Optional.empty(),
              present ? Optional.of(keysText) : Optional.empty()));
    }
    if (!paths.contains(HOME_KEYS)) {
      files.add(
          new AdminKeys.KeyFile(
              HOME_KEYS,
              false,
              Optional.ofNullable(keysText).map(t -> stat(HOME_KEYS, owner, fileMode, false)),
              Optional.ofNullable(keysText)));
    }
    return new AdminKeys(
        "admin",
        Optional.of(ADMIN),
        Optional.of(patterns),
        "",
        Optional.of(stat("/home/admin/.ssh", owner, dirMode, true)),
        files,
        Optional.empty());
  }

  private static final String DEFAULT_T = KeysFixtures.read("sshd-keys/sshd-T-default.txt");

  @Test
  void freshVpsShapeFailsModesAndKey() {
    AdminKeys f = facts(DEFAULT_T, 0755, "admin", 0644, RSA2048);
    Verdict dir = new SshDirCheck().evaluate(f, Params.NONE, CTX);
    assertEquals(Status.FAIL, dir.status());
    assertEquals(List.of("/home/admin/.ssh", "0755"), dir.reason().args());
    assertEquals(Status.FAIL, new KeyFileModeCheck().evaluate(f, Params.NONE, CTX).status());
    Verdict key = new AcceptableKeyCheck().evaluate(f, Params.NONE, CTX);
    assertEquals(Status.FAIL, key.status());
    assertEquals("reason.ssh-keys.key-weak", key.reason().key());
    assertTrue(
        key.reason().args().get(0).contains("rsa 2048 bits < 3072"),
        key.reason().args().toString());
    assertEquals(Status.PASS, new AuthorizedKeysFileCheck().evaluate(f, Params.NONE, CTX).status());
  }

  @Test
  void tightModesAndStrongKeyPass() {
    AdminKeys f = facts(DEFAULT_T, 0700, "admin", 0600, RSA2048 + ED);
    assertEquals(Status.PASS, new SshDirCheck().evaluate(f, Params.NONE, CTX).status());
    assertEquals(Status.PASS, new KeyFileModeCheck().evaluate(f, Params.NONE, CTX).status());
    Verdict v = new AcceptableKeyCheck().evaluate(f, Params.NONE, CTX);
    assertEquals(Status.PASS, v.status());
    assertTrue(v.details().get("rejected").contains("rsa 2048"), "the weak key is still named");
    assertEquals(
        Status.PASS,
        new KeyFileModeCheck()
            .evaluate(facts(DEFAULT_T, 0700, "admin", 0400, ED), Params.NONE, CTX)
            .status(),
        "0400 is stricter");
  }

  @Test
  void dsaIsNeverAcceptable() {
    Verdict v =
        new AcceptableKeyCheck()
            .evaluate(facts(DEFAULT_T, 0700, "admin", 0600, DSA), Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().args().get(0).endsWith(": dsa"), v.reason().args().toString());
  }

  @Test
  void wrongOwnerFails() {
    AdminKeys f = facts(DEFAULT_T, 0700, "root", 0600, ED);
    Verdict dir = new SshDirCheck().evaluate(f, Params.NONE, CTX);
    assertEquals("reason.ssh-keys.dir-owner", dir.reason().key());
    Verdict file = new KeyFileModeCheck().evaluate(f, Params.NONE, CTX);
    assertEquals(Status.FAIL, file.status(), "root owning a file in the home is wrong");
    assertEquals("reason.ssh-keys.file-owner", file.reason().key());
  }

  @Test
  void authorizedKeysFileSetElsewhereIgnoresHomeKeys() {
    AdminKeys f =
        facts(KeysFixtures.read("sshd-keys/sshd-T-elsewhere.txt"), 0700, "admin", 0600, ED);
    Verdict v = new AuthorizedKeysFileCheck().evaluate(f, Params.NONE, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of(HOME_KEYS, "/etc/ssh/authorized_keys/admin"), v.reason().args());
    Verdict key = new AcceptableKeyCheck().evaluate(f, Params.NONE, CTX);
    assertEquals(Status.FAIL, key.status(), "the strong key is where sshd does not look");
    assertEquals("reason.ssh-keys.key-none", key.reason().key());
    assertEquals(Status.FAIL, new KeyFileModeCheck().evaluate(f, Params.NONE, CTX).status());
  }

  @Test
  void sshdTUnavailableIsAnError() {
    AdminKeys f = facts(DEFAULT_T, 0700, "admin", 0600, ED);
    AdminKeys noT =
        new AdminKeys(
            f.user(),
            f.entry(),
            Optional.empty(),
            "sshd: command not found",
            f.sshDir(),
            f.files(),
            Optional.empty());
    assertEquals(
        Status.ERROR, new AuthorizedKeysFileCheck().evaluate(noT, Params.NONE, CTX).status());
  }

  @Test
  void weakPastedKeyIsNamedInTheReason() {
    AdminKeys f = facts(DEFAULT_T, 0755, "admin", 0644, RSA2048);
    AdminKeys pasted =
        new AdminKeys(
            f.user(), f.entry(), f.sshdPatterns(), "", f.sshDir(), f.files(), Optional.of(DSA));
    Verdict v = new AcceptableKeyCheck().evaluate(pasted, Params.NONE, CTX);
    assertEquals("reason.ssh-keys.pasted-key-rejected", v.reason().key());
    assertEquals("dsa", v.reason().args().get(0));
    AdminKeys junk =
        new AdminKeys(
            f.user(),
            f.entry(),
            f.sshdPatterns(),
            "",
            f.sshDir(),
            f.files(),
            Optional.of("-----BEGIN OPENSSH PRIVATE KEY-----"));
    assertEquals(
        "not a public key line",
        new AcceptableKeyCheck().evaluate(junk, Params.NONE, CTX).reason().args().get(0));
  }

  @Test
  void missingAdmin() {
    AdminKeys none =
        new AdminKeys(
            "admin",
            Optional.empty(),
            Optional.empty(),
            "",
            Optional.empty(),
            List.of(),
            Optional.empty());
    assertEquals(Status.FAIL, new SshDirCheck().evaluate(none, Params.NONE, CTX).status());
    assertEquals(Status.FAIL, new AcceptableKeyCheck().evaluate(none, Params.NONE, CTX).status());
  }

  // --- the key-login proof ---

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final StepContext AT_NOW =
      new StepContext(Answers.EMPTY, List.of(), Clock.fixed(NOW, ZoneOffset.UTC), Optional.empty());

  private static Evidence login(Instant at, String keysHash) {
    return new Evidence(
        EvidenceKind.KEY_LOGIN,
        "admin",
        "SHA256:XTyQl91TEjGABFQilk5RNPM36wxxcBIBU5QbemFwh6M",
        "100.64.0.10",
        "100.101.102.103",
        at,
        Map.of(HOME_KEYS, keysHash),
        true);
  }

  @Test
  void keyLoginNeedsFreshEvidence() {
    String hash = LoginProof.sha256Hex(ED);
    KeyLoginCheck c = new KeyLoginCheck();
    Verdict none = c.evaluate(new LoginProof(Optional.empty(), Map.of()), Params.NONE, AT_NOW);
    assertEquals(Status.FAIL, none.status());
    assertEquals("reason.ssh-keys.key-login-missing", none.reason().key());
    Verdict fresh =
        c.evaluate(
            new LoginProof(Optional.of(login(NOW.minusSeconds(60), hash)), Map.of(HOME_KEYS, hash)),
            Params.NONE,
            AT_NOW);
    assertEquals(Status.PASS, fresh.status());
  }

  @Test
  void keyLoginStaleByAge() {
    String hash = LoginProof.sha256Hex(ED);
    Verdict v =
        new KeyLoginCheck()
            .evaluate(
                new LoginProof(
                    Optional.of(login(NOW.minusSeconds(31 * 60), hash)), Map.of(HOME_KEYS, hash)),
                Params.NONE,
                AT_NOW);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.ssh-keys.proof-stale-age", v.reason().key());
    Verdict longer =
        new KeyLoginCheck()
            .evaluate(
                new LoginProof(
                    Optional.of(login(NOW.minusSeconds(31 * 60), hash)), Map.of(HOME_KEYS, hash)),
                new Params(Map.of("max-age-minutes", "60")),
                AT_NOW);
    assertEquals(Status.PASS, longer.status());
  }

  @Test
  void keyLoginStaleWhenAuthorizedKeysChanged() {
    String then = LoginProof.sha256Hex(ED);
    String now = LoginProof.sha256Hex(ED + RSA2048);
    Verdict v =
        new KeyLoginCheck()
            .evaluate(
                new LoginProof(
                    Optional.of(login(NOW.minusSeconds(60), then)), Map.of(HOME_KEYS, now)),
                Params.NONE,
                AT_NOW);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.ssh-keys.proof-stale-file", v.reason().key());
    assertEquals(List.of(HOME_KEYS), v.reason().args());
    Verdict gone =
        new KeyLoginCheck()
            .evaluate(
                new LoginProof(Optional.of(login(NOW.minusSeconds(60), then)), Map.of()),
                Params.NONE,
                AT_NOW);
    assertEquals(Status.FAIL, gone.status(), "a deleted file is a changed file");
  }

  /** Facts with one root-owned central keys file (group, mode) as sshd -T names it. */
  private static AdminKeys central(String group, int gid, int mode) {
    String path = "/etc/ssh/authorized_keys/admin";
    FileStat st =
        new FileStat(path, "root", group, mode, 100, "regular file", 1732406400L, 0, gid, 1);
    return new AdminKeys(
        "admin",
        Optional.of(ADMIN),
        Optional.of(List.of("/etc/ssh/authorized_keys/%u")),
        "",
        Optional.empty(),
        List.of(
            new AdminKeys.KeyFile(path, true, Optional.of(st), Optional.of(ED)),
            new AdminKeys.KeyFile(HOME_KEYS, false, Optional.empty(), Optional.empty())),
        Optional.empty());
  }

  /**
   * sshd reads a keys file with the admin's rights: in the sandbox a root-owned 0644 (and
   * root:admin 0640) central file logged in and was failed with "must be 600"; 0600, 0604 with
   * group admin and root:root 0640 refused the key, and 0600 passed
   * (EarlyStepsHostileSandbox3Test).
   */
  @Test
  void aRootOwnedKeysFileMustBeReadableByTheAdminAndWritableOnlyByRoot() {
    KeyFileModeCheck c = new KeyFileModeCheck();
    for (Object[] ok :
        new Object[][] {{"root", 0, 0644}, {"admin", 1000, 0640}, {"admin", 1000, 0644}}) {
      Verdict v = c.evaluate(central((String) ok[0], (int) ok[1], (int) ok[2]), Params.NONE, CTX);
      assertEquals(Status.PASS, v.status(), java.util.Arrays.toString(ok) + v);
      assertEquals("reason.ssh-keys.file-root-ok", v.reason().key());
    }
    for (Object[] bad :
        new Object[][] {
          {"root", 0, 0600},
          {"admin", 1000, 0604},
          {"root", 0, 0640},
          {"root", 0, 0664},
          {"admin", 1000, 0660},
          {"root", 0, 0646},
          {"staff", 50, 0640}
        }) {
      Verdict v =
          c.evaluate(central((String) bad[0], (int) bad[1], (int) bad[2]), Params.NONE, CTX);
      assertEquals(Status.FAIL, v.status(), java.util.Arrays.toString(bad) + v);
      assertEquals("reason.ssh-keys.file-root-mode", v.reason().key());
    }
  }
}
