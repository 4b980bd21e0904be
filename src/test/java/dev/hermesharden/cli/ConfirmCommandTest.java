package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.proof.ConfirmRecord;
import dev.hermesharden.proof.ProofToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code confirm} in-process, as the admin's second SSH session would run it: the token comes on
 * standard input (typed, pasted or piped), never as an argument; the record goes into the drop-box
 * directory of the process's own uid, only when that is a real 0700 directory of that uid.
 */
class ConfirmCommandTest {
  static final String TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String CONN = "198.51.100.7 51234 203.0.113.10 22";
  static final String AUTH =
      "publickey ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHmvQ3ZbH6d1jq6nY8m9w5q3o1QzB1sV0mX4vY2rT8nL\n";

  @TempDir Path tmp;
  Path box;
  Path mine;
  int uid;

  /** As root's prepare leaves it: the box, and in it a 0700 directory of this process's uid. */
  @BeforeEach
  void dropBox() throws IOException {
    box = Files.createDirectories(tmp.resolve("confirm"));
    uid = (Integer) Files.getAttribute(box, "unix:uid");
    mine = Files.createDirectory(box.resolve(Integer.toString(uid)));
    Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwx------"));
  }

  CliEnvironment admin(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("LANG", "C.UTF-8", "USER", "admin"));
    env.putAll(extra);
    return new CliEnvironment(env, uid, tmp.resolve("home"));
  }

  CliRun confirm(String stdin, Map<String, String> env, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--confirm-dir", box.toString()));
    args.add("confirm");
    args.addAll(List.of(more));
    return CliRun.withInput(stdin, admin(env), args.toArray(String[]::new));
  }

  long records() throws IOException {
    try (Stream<Path> s = Files.list(mine)) {
      return s.count();
    }
  }

  @Test
  void aPipedTokenWritesA0600RecordIntoTheAdminsOwnDirectory() throws Exception {
    Path auth = Files.writeString(tmp.resolve("sshauth.abc"), AUTH);
    CliRun r =
        confirm(
            TOKEN.toLowerCase() + "\n",
            Map.of("SSH_CONNECTION", CONN, "SSH_USER_AUTH", auth.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("203.0.113.10"), r.out());
    assertTrue(r.err().startsWith("Token"), "the prompt goes to stderr: " + r.err());
    Path file = mine.resolve(ProofToken.fileName(TOKEN));
    assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS), "record at the token's name");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    ConfirmRecord rec = ConfirmRecord.parse(Files.readString(file)).orElseThrow();
    assertEquals(TOKEN, rec.token());
    assertEquals(CONN, rec.sshConnection());
    assertEquals(List.of(AUTH.strip()), rec.authLines());
    assertTrue(rec.authExposed());
    assertEquals(uid, rec.uid());
    assertEquals("admin", rec.user());
  }

  @Test
  void aTokenPastedWithSpacesDashesAndCarriageReturnCounts() throws Exception {
    CliRun r =
        confirm("  abcde-fghij klmno-pqrst uvwxyz\r\nignored\n", Map.of("SSH_CONNECTION", CONN));
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(mine.resolve(ProofToken.fileName(TOKEN))));
  }

  @Test
  void aTokenOnTheCommandLineIsRefusedBeforeAnythingIsReadOrWritten() throws Exception {
    CliRun r = confirm(TOKEN + "\n", Map.of("SSH_CONNECTION", CONN), TOKEN);
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("command line"), r.err());
    assertFalse(r.err().contains(TOKEN), "the refusal does not repeat the token: " + r.err());
    assertFalse(r.err().startsWith("Token"), "no prompt: nothing is read");
    assertEquals(0, records());
  }

  @Test
  void noTokenOnStandardInputIsExplained() throws Exception {
    for (String stdin : List.of("", "\n", "   \n")) {
      CliRun r = confirm(stdin, Map.of("SSH_CONNECTION", CONN));
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("standard input"), r.err());
    }
    assertEquals(0, records());
  }

  @Test
  void anOverlongOrMistypedLineIsNoToken() throws Exception {
    for (String stdin : List.of("ABC1\n", "A".repeat(100_000))) {
      CliRun r = confirm(stdin, Map.of("SSH_CONNECTION", CONN));
      assertEquals(2, r.code());
      assertTrue(r.err().contains("26 letters"), r.err());
      assertFalse(r.err().contains("ABC1"), "what was typed is not echoed: " + r.err());
    }
    assertEquals(0, records());
  }

  @Test
  void withoutExposeAuthInfoTheRecordSaysSoAndTheAdminIsTold() throws Exception {
    CliRun r = confirm(TOKEN + "\n", Map.of("SSH_CONNECTION", CONN));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ExposeAuthInfo"), r.out());
    ConfirmRecord rec =
        ConfirmRecord.parse(Files.readString(mine.resolve(ProofToken.fileName(TOKEN))))
            .orElseThrow();
    assertFalse(rec.authExposed());
    assertTrue(rec.authLines().isEmpty());
  }

  @Test
  void anEarlierRecordOfTheSameTokenIsReplaced() throws Exception {
    Files.writeString(mine.resolve(ProofToken.fileName(TOKEN)), "an earlier try");
    CliRun r = confirm(TOKEN + "\n", Map.of("SSH_CONNECTION", CONN));
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(mine.resolve(ProofToken.fileName(TOKEN))).contains(CONN));
  }

  @Test
  void outsideAnSshSessionNothingIsWritten() throws Exception {
    CliRun r = confirm(TOKEN + "\n", Map.of());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("SSH_CONNECTION"), r.err());
    assertFalse(r.err().startsWith("Token"), "refused before the token is asked for: " + r.err());
    assertEquals(0, records());
  }

  @Test
  void withoutADirectoryOfItsOwnUidNoWizardWaits() throws Exception {
    Files.delete(mine);
    CliRun r = confirm(TOKEN + "\n", Map.of("SSH_CONNECTION", CONN));
    assertEquals(2, r.code());
    assertTrue(r.err().contains(mine.toString()), r.err());
    assertTrue(r.err().contains("without sudo"), r.err());
  }

  @Test
  void aDirectoryOthersCanEnterIsRefusedSoTheTokenCannotLeak() throws Exception {
    Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxr-xr-x"));
    CliRun r = confirm(TOKEN + "\n", Map.of("SSH_CONNECTION", CONN));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("could leak"), r.err());
    assertEquals(0, records());
  }

  @Test
  void aSymlinkInPlaceOfItsDirectoryIsNeverWrittenThrough() throws Exception {
    Files.delete(mine);
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(mine, elsewhere);
    CliRun r = confirm(TOKEN + "\n", Map.of("SSH_CONNECTION", CONN));
    assertEquals(2, r.code());
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertEquals(0, s.count(), "nothing written through the symlink");
    }
  }

  @Test
  void germanMessages() throws Exception {
    CliRun r =
        CliRun.withInput(
            TOKEN + "\n",
            admin(Map.of("SSH_CONNECTION", CONN)),
            "--lang",
            "de",
            "--confirm-dir",
            box.toString(),
            "confirm");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Bestätigung"), r.out());
    CliRun argv =
        CliRun.withInput(
            "", admin(Map.of("SSH_CONNECTION", CONN)), "--lang", "de", "confirm", TOKEN);
    assertTrue(argv.err().contains("Befehlszeile"), argv.err());
  }
}
