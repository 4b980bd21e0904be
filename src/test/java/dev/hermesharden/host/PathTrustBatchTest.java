package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PathTrust} asks for the entries of a path's straight walk in one {@link Host#lstatAll}
 * (one command over SSH instead of one per component) and judges exactly as before; what follows a
 * symlink is another path, asked in one more batch.
 */
class PathTrustBatchTest {
  @TempDir Path tmp;
  private final List<String> asked = new ArrayList<>();
  private Host counting;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(LocalHost.runningAsRoot(), "needs root: a directory of another owner");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    counting =
        new ForwardingHost(new LocalHost()) {
          @Override
          public Optional<FileStat> lstat(String path) throws HostException {
            asked.add("lstat " + path);
            return inner.lstat(path);
          }

          @Override
          public List<Optional<FileStat>> lstatAll(List<String> paths) throws HostException {
            asked.add("lstatAll " + paths.size());
            return inner.lstatAll(paths);
          }
        };
  }

  @Test
  void aPlainPathIsOneBatch() throws Exception {
    Path f = Files.createDirectories(tmp.resolve("a/b")).resolve("c");
    Files.writeString(f, "x");
    PathTrust t = PathTrust.classify(counting, f.toString());
    assertInstanceOf(PathTrust.RootOnly.class, t);
    assertEquals(f.toString(), t.resolved());
    assertEquals(List.of("lstatAll " + (f.getNameCount() + 1)), asked);
  }

  @Test
  void afterALinkTheTargetsWalkIsOneMoreBatchAndAnAccountsDirectoryStillHandsItOver()
      throws Exception {
    Path target = Files.createDirectories(tmp.resolve("real/dir"));
    Files.setAttribute(target, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
    PathTrust t = PathTrust.classify(counting, tmp.resolve("link/dir/f").toString());
    assertInstanceOf(PathTrust.ByAccount.class, t);
    assertEquals(65534, ((PathTrust.ByAccount) t).uid());
    assertEquals(target.toString(), ((PathTrust.ByAccount) t).directory());
    // "/", tmp's components, then link|real, dir, f
    int walk = tmp.getNameCount() + 4;
    assertEquals(List.of("lstatAll " + walk, "lstatAll " + walk), asked);
  }

  @Test
  void aRelativeLinkContinuesFromItsOwnDirectoryInOneBatch() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("real/dir"));
    Files.setAttribute(target, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
    Files.createSymbolicLink(tmp.resolve("link"), Path.of("real"));
    PathTrust t = PathTrust.classify(counting, tmp.resolve("link/dir/f").toString());
    assertInstanceOf(PathTrust.ByAccount.class, t);
    assertEquals(target.toString(), ((PathTrust.ByAccount) t).directory());
    // the second batch starts at the link's directory: tmp, real, dir, f
    assertEquals(
        List.of("lstatAll " + (tmp.getNameCount() + 4), "lstatAll " + 4), asked, "" + asked);
  }
}
