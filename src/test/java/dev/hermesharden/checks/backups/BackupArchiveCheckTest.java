package dev.hermesharden.checks.backups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code backup-archive}: each way the newest backup can be wrong fails, with its own reason. */
class BackupArchiveCheckTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);
  private static final Params P =
      new Params(
          Map.of(
              "dir", "/var/backups/hermes-harden",
              "max-age-hours", "26",
              "expect", List.of("config.yaml")));
  private static final long MTIME = 1_700_000_000L;
  private static final String AGE =
      " 61 67 65 2d 65 6e 63 72 79 70 74 69 6f 6e 2e 6f\n 72 67 2f 76 31 0a 2d 3e 20 58 32 35 35 31 39 20\n";
  private static final String LIST = "./\n./.env\n./config.yaml\n./skills/\n";

  private static BackupArchiveCheck.Facts facts(
      long size, String header, String listing, long now, String type) {
    FileStat st = new FileStat("/x", "root", "root", 0600, size, type, MTIME, 0, 0, 1);
    return new BackupArchiveCheck.Facts(
        Optional.of("hermes-20231114T221320Z.tar.age"),
        Optional.of(st),
        header,
        Optional.of(listing),
        now);
  }

  private static Verdict eval(BackupArchiveCheck.Facts f) {
    return new BackupArchiveCheck().evaluate(f, P, CTX);
  }

  @Test
  void aRecentEncryptedListedArchivePasses() {
    Verdict v = eval(facts(4096, AGE, LIST, MTIME + 3600, "regular file"));
    assertEquals(Status.PASS, v.status(), v.toString());
    assertEquals("age", v.details().get("encryption"));
  }

  @Test
  void eachDefectFailsWithItsReason() {
    long now = MTIME + 3600;
    assertEquals(
        "reason.backups.empty", eval(facts(0, AGE, LIST, now, "regular file")).reason().key());
    String tar = " 2e 2f 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n";
    assertEquals(
        "reason.backups.not-encrypted",
        eval(facts(4096, tar, LIST, now, "regular file")).reason().key());
    String gzip = " 1f 8b 08 00 00 00 00 00 00 03\n";
    assertEquals(
        "reason.backups.not-encrypted",
        eval(facts(4096, gzip, LIST, now, "regular file")).reason().key());
    assertEquals(
        "reason.backups.old",
        eval(facts(4096, AGE, LIST, MTIME + 27 * 3600, "regular file")).reason().key());
    assertEquals(
        "reason.backups.missing-files",
        eval(facts(4096, AGE, "./\n./.env\n./config.yaml.bak\n", now, "regular file"))
            .reason()
            .key());
    assertEquals(
        "reason.backups.empty", eval(facts(4096, AGE, LIST, now, "symbolic link")).reason().key());
    Verdict none =
        new BackupArchiveCheck()
            .evaluate(
                new BackupArchiveCheck.Facts(
                    Optional.empty(), Optional.empty(), "", Optional.empty(), now),
                P,
                CTX);
    assertEquals("reason.backups.none", none.reason().key());
  }

  @Test
  void openPgpIsRecognisedArmoredAndBinary() {
    assertEquals(Optional.of("openpgp"), ArchiveHeader.encryption(" 8c 0d 04 09 03 02"));
    assertEquals(Optional.of("openpgp"), ArchiveHeader.encryption(" c3 0d 04 09 03 02"));
    assertEquals(
        Optional.of("openpgp-armor"),
        ArchiveHeader.encryption(
            " 2d 2d 2d 2d 2d 42 45 47 49 4e 20 50 47 50 20 4d\n 45 53 53 41 47 45 2d 2d 2d 2d 2d 0a"));
    assertEquals(Optional.empty(), ArchiveHeader.encryption(""));
  }

  @Test
  void theFreshPracticeVpsHasNoBackup() throws Exception {
    Verdict v = new BackupArchiveCheck().run(SimulatedHost.fresh(), P, CTX);
    assertEquals(Status.FAIL, v.status());
    assertEquals("reason.backups.none", v.reason().key());
  }
}
