package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalHost}'s file operations as root on this machine's own filesystem, with an untrusted
 * directory owned by {@code nobody} holding the traps a hostile account plants: links to root's
 * files, a FIFO, a sparse giant. Only temp directories are touched; needs root (CI runs as root).
 */
@Timeout(60)
class SafeFilesAsRootTest {
  private static final int NOBODY = 65534;

  @TempDir Path tmp;
  private LocalHost host;
  private Path secret;
  private Path evil;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")) || isRoot(),
        "needs root: files owned by another account");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    host = new LocalHost();
    Path rootOnly = Files.createDirectory(tmp.resolve("rootonly"));
    Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));
    secret = rootOnly.resolve("shadow");
    Files.writeString(secret, "root:SECRET-HASH:19000::::::\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    evil = Files.createDirectory(tmp.resolve("evil"));
    chown(evil, NOBODY);
  }

  @Test
  void aSymlinkToARootFileInAnAccountsDirectoryIsNotRead() throws Exception {
    Files.createSymbolicLink(evil.resolve(".env"), secret);
    HostException e =
        assertThrows(HostException.class, () -> host.readFile(evil.resolve(".env").toString()));
    assertEquals(HostException.Kind.UNSAFE, e.kind(), e.getMessage());
  }

  @Test
  void aRegularFileInAnAccountsDirectoryIsReadWithThatAccountsRights() throws Exception {
    Path f = evil.resolve("config.yaml");
    Files.writeString(f, "approvals:\n  mode: manual\n");
    chown(f, NOBODY);
    assertEquals(Optional.of("approvals:\n  mode: manual\n"), host.readFile(f.toString()));
    // the same file made unreadable to its own account: root's rights are not used
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
    HostException e = assertThrows(HostException.class, () -> host.readFile(f.toString()));
    assertEquals(HostException.Kind.PERMISSION, e.kind(), e.getMessage());
  }

  @Test
  void aLinkedDirectoryAboveTheFileIsFollowedOnlyWithTheAccountsRights() throws Exception {
    // the account replaces a directory on the path with a link into root's private directory
    Files.createSymbolicLink(evil.resolve("data"), secret.getParent());
    HostException e =
        assertThrows(
            HostException.class, () -> host.readFile(evil.resolve("data/shadow").toString()));
    assertTrue(
        e.kind() == HostException.Kind.PERMISSION || e.kind() == HostException.Kind.UNSAFE,
        e.kind() + ": " + e.getMessage());
  }

  @Test
  @Timeout(20)
  void aFifoIsRefusedAtOnceInsteadOfHangingTheAudit() throws Exception {
    Path fifo = evil.resolve(".env");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    HostException e = assertThrows(HostException.class, () -> host.readFile(fifo.toString()));
    assertEquals(HostException.Kind.UNSAFE, e.kind(), e.getMessage());
  }

  @Test
  void aSparseGiantIsRefusedWithoutBeingRead() throws Exception {
    Path big = evil.resolve("config.yaml");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(1L << 30);
    }
    chown(big, NOBODY);
    // what this read adds, not what earlier tests of the same JVM left for the collector (the
    // heap in use before it was over 512 MiB once more tests shared the JVM)
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    HostException e = assertThrows(HostException.class, () -> host.readFile(big.toString()));
    assertEquals(HostException.Kind.TOO_LARGE, e.kind(), e.getMessage());
    long grew = rt.totalMemory() - rt.freeMemory() - before;
    assertTrue(grew < 256L << 20, "memory stayed small: grew " + (grew >> 20) + " MiB");
  }

  @Test
  void aWriteOverALinkInAnAccountsDirectoryIsRefused() throws Exception {
    Path target = evil.resolve(".env");
    Files.createSymbolicLink(target, secret);
    String before = Files.readString(secret);
    HostException e =
        assertThrows(
            HostException.class, () -> host.writeFile(target.toString(), "x\n", FileAttrs.KEEP));
    assertEquals(HostException.Kind.UNSAFE, e.kind(), e.getMessage());
    assertEquals(before, Files.readString(secret), "root's file unchanged");
    assertTrue(Files.isSymbolicLink(target));
  }

  @Test
  void aWriteIntoAnAccountsDirectoryIsDoneAsThatAccountAndNeverThroughItsLinks() throws Exception {
    Path target = evil.resolve(".env");
    // the link appears after the check, as in a race: the account's own write replaces it
    Files.createSymbolicLink(target, secret);
    String before = Files.readString(secret);
    CommandFiles.as(host, Account.of(host, NOBODY))
        .write(
            target.toString(),
            "API_SERVER_HOST=127.0.0.1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            0600,
            null);
    assertEquals(before, Files.readString(secret), "root's file unchanged");
    assertEquals(0, uid(secret));
    assertFalse(Files.isSymbolicLink(target), "the link was replaced, not followed");
    assertEquals("API_SERVER_HOST=127.0.0.1\n", Files.readString(target));
    assertEquals(NOBODY, uid(target), "written with the account's rights");
    assertEquals(List.of(".env"), host.listDirectory(evil.toString()));
  }

  @Test
  void givingAFileInAnAccountsDirectoryToAnotherOwnerIsRefused() throws Exception {
    HostException e =
        assertThrows(
            HostException.class,
            () ->
                host.writeFile(
                    evil.resolve("x").toString(), "x\n", FileAttrs.of("root", "root", 0600)));
    assertEquals(HostException.Kind.UNSAFE, e.kind(), e.getMessage());
    assertFalse(Files.exists(evil.resolve("x")));
  }

  @Test
  void aDirectoryEveryoneMayWriteIsNotTouched() throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(open.resolve("f"), "x");
    HostException e =
        assertThrows(HostException.class, () -> host.readFile(open.resolve("f").toString()));
    assertEquals(HostException.Kind.UNSAFE, e.kind(), e.getMessage());
    assertInstanceOf(
        PathTrust.Shared.class, PathTrust.classify(host, open.resolve("f").toString()));
  }

  @Test
  void rootsOwnFilesAreReadAndWrittenDirectlyKeepingOwnerAndMode() throws Exception {
    Path f = secret.getParent().resolve("sshd_config");
    Files.write(
        f, new byte[] {'A', 'l', 'l', 'o', 'w', 'U', 's', 'e', 'r', 's', ' ', (byte) 0xe9, '\n'});
    assertThrows(HostException.class, () -> host.readFile(f.toString()), "not UTF-8");
    String latin1 =
        host.readFile(f.toString(), java.nio.charset.StandardCharsets.ISO_8859_1).orElseThrow();
    host.writeFile(
        f.toString(),
        latin1 + "# x\n",
        FileAttrs.KEEP,
        java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] after = Files.readAllBytes(f);
    assertEquals((byte) 0xe9, after[11], "bytes kept as they were");
    assertInstanceOf(PathTrust.RootOnly.class, PathTrust.classify(host, f.toString()));
  }

  private static void chown(Path p, int uid) throws Exception {
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
  }

  private static int uid(Path p) throws Exception {
    Map<String, Object> a = Files.readAttributes(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    return (Integer) a.get("uid");
  }

  private static boolean isRoot() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
