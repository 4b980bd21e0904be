package dev.hermesharden.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.model.PollResult;
import dev.hermesharden.model.ProofException;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.testing.MovableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The waiting side against records written by the real {@link ConfirmWriter}. */
class LocalProverTest {
  static final String PUBLIC_CONN = "198.51.100.7 51234 203.0.113.10 22";
  static final String TAILNET_CONN = "100.101.102.103 40000 100.64.0.10 22";

  @TempDir Path tmp;
  final ProofFakeHost host = new ProofFakeHost();
  final MovableClock clock = new MovableClock(Instant.parse("2025-05-01T10:00:00Z"));
  final String key = ProofFixtures.ed25519(1);
  final String fp = ProofFixtures.fingerprint(key);
  Path box;
  Path authorizedKeys;
  LocalProver prover;

  @BeforeEach
  void server() throws IOException {
    Path home = tmp.resolve("home/admin");
    Files.createDirectories(home.resolve(".ssh"));
    authorizedKeys = home.resolve(".ssh/authorized_keys");
    Files.writeString(
        authorizedKeys,
        "ssh-ed25519 "
            + ProofFixtures.ed25519(9)
            + " old@laptop\nssh-ed25519 "
            + key
            + " admin@laptop\n");
    host.passwd = "admin:x:1000:1000:,,,:" + home + ":/bin/bash\n";
    host.ipAddr = ProofFixtures.resource("ip-o-addr-show.txt");
    box = tmp.resolve("run/confirm");
    prover =
        new LocalProver(
            host,
            clock,
            new LocalProver.Settings(
                new DropBox(box.toString()),
                List.of("hermes-harden"),
                Duration.ofMinutes(10),
                Optional.of("203.0.113.10"),
                Optional.of("22")));
  }

  PendingProof begin(EvidenceKind kind) throws ProofException {
    return prover.begin(kind, Answers.EMPTY).ask();
  }

  /** The admin runs confirm; {@code auth} null means sshd exposed nothing (no SSH_USER_AUTH). */
  void confirm(String token, String conn, String auth) throws IOException {
    Map<String, String> env = new HashMap<>(Map.of("SSH_CONNECTION", conn, "USER", "admin"));
    if (auth != null) {
      Path f = Files.createTempFile(tmp, "sshauth.", "");
      Files.writeString(f, auth);
      env.put("SSH_USER_AUTH", f.toString());
    }
    ConfirmWriter.Outcome o =
        ConfirmWriter.write(token, env, 1000, box, clock.instant(), host::ownerOf);
    assertTrue(o.written(), o.toString());
  }

  /** Where the admin's record for a token lies: in the admin's own directory of the drop box. */
  Path record(String token) {
    return box.resolve("1000").resolve(ProofToken.fileName(token));
  }

  String keyAuth() {
    return "publickey ssh-ed25519 " + key + "\n";
  }

  static PollResult.Rejected rejected(PollResult r, String key) {
    PollResult.Rejected no = assertInstanceOf(PollResult.Rejected.class, r, String.valueOf(r));
    assertEquals(key, no.key(), no.toString());
    return no;
  }

  @Test
  void goodKeyOnlyLoginBecomesEvidenceRestingOnTheAuthorizedKeysFile() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    assertEquals(
        List.of(
            "ssh",
            "-o",
            "PreferredAuthentications=publickey",
            "-o",
            "PasswordAuthentication=no",
            "-o",
            "ControlPath=none",
            "admin@203.0.113.10",
            "hermes-harden",
            "--confirm-dir",
            box.toString(),
            "confirm"),
        p.command(),
        "the token is never part of a command line");
    assertInstanceOf(PollResult.Pending.class, prover.poll());
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    PollResult r = prover.poll();
    Evidence e = assertInstanceOf(PollResult.Proven.class, r, String.valueOf(r)).evidence();
    assertEquals(EvidenceKind.KEY_LOGIN, e.kind());
    assertEquals("admin", e.user());
    assertEquals(fp, e.keyFingerprint());
    assertEquals("203.0.113.10", e.serverAddress());
    assertEquals("198.51.100.7", e.clientAddress());
    assertEquals(clock.instant(), e.at());
    assertFalse(e.simulated());
    assertEquals(
        Map.of(authorizedKeys.toString(), Sha256.hex(Files.readString(authorizedKeys))),
        e.restsOn());
    assertFalse(Files.exists(record(p.token())), "record is consumed");
  }

  /**
   * ControlMaster: the confirm ran over a connection the admin opened before the proof was asked
   * for (still open, sshd's processes for it older than the token). It does not show that a new
   * login works after the change; a record over a connection opened since does.
   */
  @Test
  void aLoginOverAConnectionOpenedBeforeTheTokenIsNotANewLogin() throws Exception {
    host.ss =
        "0      0      203.0.113.10:22      198.51.100.7:51234 users:((\"sshd\",pid=4242,fd=4),"
            + "(\"sshd\",pid=4240,fd=4))\n"
            + "0      0      [::ffff:203.0.113.10]:22 [::ffff:198.51.100.9]:1 users:((\"sshd\",pid=7,fd=4))\n";
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    clock.advance(Duration.ofSeconds(5));
    host.ps = "     30\n     29\n";
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    PollResult.Rejected no = rejected(prover.poll(), "proof.local.old-connection");
    assertEquals(List.of("30"), no.args());
    assertTrue(
        host.commands.contains(List.of("ps", "-o", "etimes=", "-p", "4242,4240")),
        host.commands.toString());

    host.ps = "      6\n      5\n"; // opened after the token was issued (5 s ago, rounded)
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    assertInstanceOf(PollResult.Proven.class, prover.poll());
  }

  @Test
  void aTokenProvesOnlyOnce() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    assertInstanceOf(PollResult.Proven.class, prover.poll());
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    assertTrue(rejected(prover.poll(), "proof.local.used").terminal());
  }

  @Test
  void anExpiredTokenEndsTheWaitEvenWithAGoodRecord() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    clock.advance(Duration.ofMinutes(10));
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    PollResult.Rejected no = rejected(prover.poll(), "proof.local.expired");
    assertTrue(no.terminal());
    assertEquals(List.of("10"), no.args());
  }

  @Test
  void aRecordOwnedByAnotherUidIsRefusedWhateverItSays() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    host.owners.put(record(p.token()).toString(), 1001);
    PollResult.Rejected no = rejected(prover.poll(), "proof.local.wrong-user");
    assertEquals(List.of("1001", "admin"), no.args());
    assertFalse(no.terminal(), "the right user may still confirm with the same token");
  }

  @Test
  void aRootOwnedRecordDoesNotCountEvenWhenItNamesTheAdmin() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    host.owners.put(record(p.token()).toString(), 0);
    assertEquals(List.of("0", "admin"), rejected(prover.poll(), "proof.local.wrong-user").args());
  }

  @Test
  void aPublicLoginDoesNotProveThePrivatePath() throws Exception {
    PendingProof p = begin(EvidenceKind.PRIVATE_PATH_LOGIN);
    assertEquals("100.64.0.10", p.address(), "the shown address is the Tailscale one");
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    PollResult.Rejected no = rejected(prover.poll(), "proof.local.wrong-path.private-path-login");
    assertEquals("203.0.113.10", no.args().get(0));

    confirm(p.token(), TAILNET_CONN, keyAuth());
    Evidence e = assertInstanceOf(PollResult.Proven.class, prover.poll()).evidence();
    assertEquals(EvidenceKind.PRIVATE_PATH_LOGIN, e.kind());
    assertEquals("100.64.0.10", e.serverAddress());
  }

  @Test
  void aCidrPrivatePathNeedsTheClientInsideTheNetwork() throws Exception {
    Answers cidr =
        Answers.EMPTY
            .with(Answers.PRIVATE_PATH_KIND, "cidr")
            .with(Answers.PRIVATE_PATH_CIDR, "10.8.0.0/24");
    PendingProof p = prover.begin(EvidenceKind.PRIVATE_PATH_LOGIN, cidr).ask();
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    rejected(prover.poll(), "proof.local.wrong-path.cidr");
    confirm(p.token(), "10.8.0.2 40000 203.0.113.10 22", keyAuth());
    assertInstanceOf(PollResult.Proven.class, prover.poll());
  }

  @Test
  void aLoginToAnAddressThisHostDoesNotHaveIsRefused() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), "198.51.100.7 51234 192.0.2.99 22", keyAuth());
    rejected(prover.poll(), "proof.local.wrong-path.key-login");
  }

  @Test
  void passwordOrKeyboardInteractiveInSshUserAuthIsNotAKeyOnlyLogin() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), PUBLIC_CONN, "password\n");
    assertEquals(List.of("password"), rejected(prover.poll(), "proof.local.not-key-only").args());
    confirm(p.token(), PUBLIC_CONN, keyAuth() + "keyboard-interactive\n");
    assertEquals(
        List.of("keyboard-interactive"),
        rejected(prover.poll(), "proof.local.not-key-only").args());
  }

  @Test
  void withoutSshUserAuthAndWithoutAJournalLineTheProofIsRefusedAfterAGrace() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), PUBLIC_CONN, null);
    assertInstanceOf(PollResult.Pending.class, prover.poll(), "sshd's journal may trail");
    clock.advance(RecordReader.LOG_GRACE);
    rejected(prover.poll(), "proof.local.no-auth-info");
  }

  @Test
  void withoutSshUserAuthSshdsJournalLineForThisClientPortDecides() throws Exception {
    host.journal = ProofFixtures.resource("journal-accepted.txt").replace("SHA256:@FP@", fp);
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), "198.51.100.7 51001 203.0.113.10 22", null);
    assertEquals(List.of("password"), rejected(prover.poll(), "proof.local.not-key-only").args());
    confirm(p.token(), "198.51.100.7 51300 203.0.113.10 22", null);
    assertEquals(
        List.of("password"),
        rejected(prover.poll(), "proof.local.not-key-only").args(),
        "a password step before the key (AuthenticationMethods) is not key-only");
    confirm(p.token(), PUBLIC_CONN, null);
    Evidence e = assertInstanceOf(PollResult.Proven.class, prover.poll()).evidence();
    assertEquals(fp, e.keyFingerprint());
    List<String> journalctl =
        host.commands.stream().filter(c -> c.get(0).equals("journalctl")).findFirst().orElseThrow();
    assertTrue(
        journalctl.containsAll(List.of("_UID=0", "_COMM=sshd", "_COMM=sshd-session")),
        journalctl.toString());
  }

  @Test
  void aConfirmWithTheTokenOfAnEarlierRequestIsStale() throws Exception {
    PendingProof old = begin(EvidenceKind.KEY_LOGIN);
    PendingProof now = begin(EvidenceKind.KEY_LOGIN);
    confirm(old.token(), PUBLIC_CONN, keyAuth());
    assertFalse(rejected(prover.poll(), "proof.local.stale").terminal());
    confirm(now.token(), PUBLIC_CONN, keyAuth());
    assertInstanceOf(PollResult.Proven.class, prover.poll());
  }

  @Test
  void aRecordWhoseTokenDoesNotMatchItsNameIsIgnored() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    Path file = record(p.token());
    ConfirmRecord forged =
        new ConfirmRecord(
            "A".repeat(26), PUBLIC_CONN, List.of(keyAuth().strip()), true, "admin", 1000, "");
    Files.writeString(file, forged.format());
    rejected(prover.poll(), "proof.local.token-mismatch");
  }

  @Test
  void aSymlinkInTheDropBoxIsNeverFollowed() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    Path target = Files.writeString(tmp.resolve("elsewhere"), "secret");
    Files.createSymbolicLink(record(p.token()), target);
    host.owners.put(record(p.token()).toString(), 1000);
    rejected(prover.poll(), "proof.local.not-a-file");
    assertEquals("secret", Files.readString(target), "the target is untouched");
  }

  @Test
  void aKeyThatIsInNoAuthorizedKeysFileProvesNothing() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), PUBLIC_CONN, "publickey ssh-ed25519 " + ProofFixtures.ed25519(50) + "\n");
    rejected(prover.poll(), "proof.local.key-not-listed");
  }

  @Test
  void aRecordSwappedForASymlinkAfterItsLstatIsNotReadThroughIt() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    Path good = Files.writeString(tmp.resolve("elsewhere"), Files.readString(record(p.token())));
    host.beforeRead =
        () -> {
          try {
            Files.delete(record(p.token()));
            Files.createSymbolicLink(record(p.token()), good);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    rejected(prover.poll(), "proof.local.bad-record");
  }

  @Test
  void theAdminsDirectoryChangedWhileWaitingEndsTheWait() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), PUBLIC_CONN, keyAuth());
    host.modes.put(box.resolve("1000").toString(), 0755);
    PollResult.Rejected no = rejected(prover.poll(), "proof.local.drop-box-changed");
    assertTrue(no.terminal(), "a new proof makes the directory anew");
  }

  @Test
  void sshdLogLinesThatDoNotAddUpToOneLoginAreRefusedNotGuessed() throws Exception {
    host.journal =
        "Accepted publickey for admin from 198.51.100.7 port 51234 ssh2: ED25519 "
            + fp
            + "\nAccepted password for admin from 198.51.100.7 port 51234 ssh2\n";
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    confirm(p.token(), PUBLIC_CONN, null);
    PollResult.Rejected no = rejected(prover.poll(), "proof.local.log-ambiguous");
    assertEquals(List.of("198.51.100.7", "51234"), no.args());
    assertFalse(no.terminal(), "a new connection (new port) may prove it");
  }

  @Test
  void confirmWritesNothingIntoADirectoryOfItsUidThatAnotherAccountOwns() throws Exception {
    PendingProof p = begin(EvidenceKind.KEY_LOGIN);
    host.owners.put(box.resolve("1000").toString(), 999);
    ConfirmWriter.Outcome o =
        ConfirmWriter.write(
            p.token(),
            Map.of("SSH_CONNECTION", PUBLIC_CONN),
            1000,
            box,
            clock.instant(),
            host::ownerOf);
    assertEquals("proof.confirm.unsafe-drop-box", o.key(), o.toString());
    assertFalse(Files.exists(record(p.token())));
  }
}
