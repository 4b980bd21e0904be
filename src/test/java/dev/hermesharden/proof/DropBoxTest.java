package dev.hermesharden.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.model.ProofException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root preparing the drop box over whatever another account ("hermes", uid 999) may have left: a
 * 1733 box of an older version full of junk, a directory of the admin's uid that hermes made, a
 * symlink where a directory belongs. Root must end with exactly {@code box} root 0711 and {@code
 * box/1000} the admin's 0700, must never follow a symlink, and must refuse when a directory above
 * it is not root's.
 */
class DropBoxTest {
  static final int ADMIN = 1000;
  static final int HERMES = 999;

  @TempDir Path tmp;
  final ProofFakeHost host = new ProofFakeHost();
  Path run;
  Path box;
  DropBox dropBox;

  @BeforeEach
  void paths() {
    run = tmp.resolve("run-hermes-harden");
    box = run.resolve("confirm");
    dropBox = new DropBox(box.toString());
  }

  /** What an admin's drop box must look like afterwards, as lstat tells it. */
  void assertPrepared() throws Exception {
    RecordFile b = RecordFile.lstat(host, box.toString()).orElseThrow();
    assertTrue(b.directoryOf(0, 0711), "box: " + b);
    RecordFile u = RecordFile.lstat(host, dropBox.userDir(ADMIN)).orElseThrow();
    assertTrue(u.directoryOf(ADMIN, 0700), "admin's dir: " + u);
    try (Stream<Path> s = Files.list(box)) {
      assertEquals(List.of("1000"), s.map(p -> p.getFileName().toString()).toList());
    }
    assertTrue(
        host.commands.stream().noneMatch(c -> List.of("install", "chmod").contains(c.get(0))),
        "never install -d or chmod, which act on whatever is there: " + host.commands);
  }

  @Test
  void aFreshBoxIsRoot0711WithTheAdmins0700DirectoryInside() throws Exception {
    dropBox.prepare(host, ADMIN, ADMIN);
    assertPrepared();
    RecordFile parent = RecordFile.lstat(host, run.toString()).orElseThrow();
    assertTrue(parent.directoryOf(0, 0755), parent.toString());
    assertTrue(
        host.commands.contains(List.of("chown", "-h", "+1000:+1000", "--", box + "/1000")),
        host.commands.toString());
  }

  @Test
  void preparingAgainKeepsTheAdminsDirectoryAndItsRecords() throws Exception {
    dropBox.prepare(host, ADMIN, ADMIN);
    Path rec = Files.writeString(box.resolve("1000/earlier.confirm"), "x");
    int before = host.commands.size();
    dropBox.prepare(host, ADMIN, ADMIN);
    assertTrue(Files.exists(rec));
    assertTrue(
        host.commands.subList(before, host.commands.size()).stream()
            .allMatch(c -> c.get(0).equals("stat")),
        "nothing changed: " + host.commands.subList(before, host.commands.size()));
  }

  @Test
  void anOlder1733BoxWithJunkOfHermesIsMovedAsideNotReused() throws Exception {
    // what an older version left: a box every account could create files in
    Files.createDirectories(box);
    host.modes.put(box.toString(), 01733);
    Path hermesDir = Files.createDirectory(box.resolve("1000")); // pre-empts the admin's name
    host.owners.put(hermesDir.toString(), HERMES);
    Path precreated = Files.writeString(hermesDir.resolve("x.confirm"), "junk");
    host.owners.put(precreated.toString(), HERMES);
    Path secret = Files.writeString(tmp.resolve("secret"), "root's");
    Files.createSymbolicLink(box.resolve("record.confirm"), secret);
    Files.writeString(box.resolve("planted.confirm"), "junk");

    dropBox.prepare(host, ADMIN, ADMIN);

    assertPrepared();
    try (Stream<Path> s = Files.list(box.resolve("1000"))) {
      assertEquals(0, s.count(), "nothing of hermes' is in the admin's directory");
    }
    assertEquals("root's", Files.readString(secret), "a symlink's target is never touched");
    assertFalse(host.owners.containsKey(secret.toString()), "nor chowned");
    try (Stream<Path> s = Files.list(run)) {
      assertEquals(List.of("confirm"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void theAdminsUidDirectoryMadeByAnotherAccountIsReplaced() throws Exception {
    Files.createDirectories(box);
    host.modes.put(box.toString(), 0711);
    Path planted = Files.createDirectory(box.resolve("1000"));
    host.owners.put(planted.toString(), HERMES);
    dropBox.prepare(host, ADMIN, ADMIN);
    assertPrepared();
  }

  @Test
  void aSymlinkWhereTheAdminsDirectoryBelongsIsMovedAsideNeverChowned() throws Exception {
    Files.createDirectories(box);
    host.modes.put(box.toString(), 0711);
    Path etc = Files.createDirectory(tmp.resolve("etc"));
    Files.createSymbolicLink(box.resolve("1000"), etc);
    dropBox.prepare(host, ADMIN, ADMIN);
    assertPrepared();
    assertTrue(Files.isDirectory(etc, LinkOption.NOFOLLOW_LINKS), "the target stays");
    assertFalse(host.owners.containsKey(etc.toString()), "the target is never chowned");
  }

  @Test
  void theAdminsDirectoryWithAWrongModeIsMadeAnew() throws Exception {
    dropBox.prepare(host, ADMIN, ADMIN);
    host.modes.put(dropBox.userDir(ADMIN), 0755);
    dropBox.prepare(host, ADMIN, ADMIN);
    assertPrepared();
  }

  @Test
  void aSymlinkWhereTheBoxBelongsIsMovedAside() throws Exception {
    Files.createDirectories(run);
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(box, elsewhere);
    dropBox.prepare(host, ADMIN, ADMIN);
    assertPrepared();
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertEquals(0, s.count(), "nothing was made through the symlink");
    }
  }

  @Test
  void aParentOtherAccountsCanWriteIsRefusedAndNothingIsMadeInIt() throws Exception {
    Files.createDirectories(run);
    host.modes.put(run.toString(), 0777);
    ProofException e =
        assertThrows(ProofException.class, () -> dropBox.prepare(host, ADMIN, ADMIN));
    assertEquals("proof.local.unsafe-drop-box", e.key());
    assertEquals(run.toString(), e.args().get(0));
    assertFalse(Files.exists(box));
  }

  @Test
  void aDirectoryAboveThatIsNotRootsIsRefused() throws Exception {
    host.owners.put(tmp.toString(), HERMES);
    ProofException e =
        assertThrows(ProofException.class, () -> dropBox.prepare(host, ADMIN, ADMIN));
    assertEquals(tmp.toString(), e.args().get(0));
    assertFalse(Files.exists(run));
  }

  @Test
  void aStickyWorldWritableDirectoryAboveIsAcceptedButNotAsTheParent() throws Exception {
    host.modes.put(tmp.toString(), 01777); // like /tmp
    dropBox.prepare(host, ADMIN, ADMIN);
    assertPrepared();

    host.modes.put(run.toString(), 01777);
    assertThrows(ProofException.class, () -> dropBox.prepare(host, ADMIN, ADMIN));
  }
}
