package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.proof.ConfirmRecord;
import dev.hermesharden.proof.ProofToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code confirm TOKEN} in-process, as the admin's second SSH session would run it. */
class ConfirmCommandTest {
  static final String TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String CONN = "198.51.100.7 51234 203.0.113.10 22";
  static final String AUTH =
      "publickey ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHmvQ3ZbH6d1jq6nY8m9w5q3o1QzB1sV0mX4vY2rT8nL\n";

  @TempDir Path tmp;

  CliEnvironment admin(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("LANG", "C.UTF-8", "USER", "admin"));
    env.putAll(extra);
    return new CliEnvironment(env, 1000, tmp.resolve("home"));
  }

  @Test
  void writesA0600RecordNamedAfterTheTokenWithTheSessionsFacts() throws Exception {
    Path box = Files.createDirectories(tmp.resolve("confirm"));
    Path auth = Files.writeString(tmp.resolve("sshauth.abc"), AUTH);
    CliRun r =
        CliRun.of(
            admin(Map.of("SSH_CONNECTION", CONN, "SSH_USER_AUTH", auth.toString())),
            "--confirm-dir",
            box.toString(),
            "confirm",
            TOKEN.toLowerCase());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("203.0.113.10"), r.out());
    Path file = box.resolve(ProofToken.fileName(TOKEN));
    assertTrue(Files.isRegularFile(file), "record at the token's file name");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    ConfirmRecord rec = ConfirmRecord.parse(Files.readString(file)).orElseThrow();
    assertEquals(TOKEN, rec.token());
    assertEquals(CONN, rec.sshConnection());
    assertEquals(List.of(AUTH.strip()), rec.authLines());
    assertTrue(rec.authExposed());
    assertEquals(1000, rec.uid());
    assertEquals("admin", rec.user());
  }

  @Test
  void withoutExposeAuthInfoTheRecordSaysSoAndTheAdminIsTold() throws Exception {
    Path box = Files.createDirectories(tmp.resolve("confirm"));
    CliRun r =
        CliRun.of(
            admin(Map.of("SSH_CONNECTION", CONN)),
            "confirm",
            TOKEN,
            "--confirm-dir",
            box.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ExposeAuthInfo"), r.out());
    ConfirmRecord rec =
        ConfirmRecord.parse(Files.readString(box.resolve(ProofToken.fileName(TOKEN))))
            .orElseThrow();
    assertFalse(rec.authExposed());
    assertTrue(rec.authLines().isEmpty());
  }

  @Test
  void outsideAnSshSessionNothingIsWritten() throws Exception {
    Path box = Files.createDirectories(tmp.resolve("confirm"));
    CliRun r = CliRun.of(admin(Map.of()), "--confirm-dir", box.toString(), "confirm", TOKEN);
    assertEquals(2, r.code());
    assertTrue(r.err().contains("SSH_CONNECTION"), r.err());
    try (var s = Files.list(box)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void aMistypedTokenOrAMissingDropBoxIsExplained() {
    Path box = tmp.resolve("nobody-waits");
    CliRun typo =
        CliRun.of(
            admin(Map.of("SSH_CONNECTION", CONN)),
            "--confirm-dir",
            box.toString(),
            "confirm",
            "ABC1");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("ABC1"), typo.err());
    CliRun none =
        CliRun.of(
            admin(Map.of("SSH_CONNECTION", CONN)),
            "--confirm-dir",
            box.toString(),
            "confirm",
            TOKEN);
    assertEquals(2, none.code());
    assertTrue(none.err().contains("nobody-waits"), none.err());
  }

  @Test
  void germanMessages() throws Exception {
    Path box = Files.createDirectories(tmp.resolve("confirm"));
    CliRun r =
        CliRun.of(
            admin(Map.of("SSH_CONNECTION", CONN)),
            "--lang",
            "de",
            "--confirm-dir",
            box.toString(),
            "confirm",
            TOKEN);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Bestätigung"), r.out());
  }
}
