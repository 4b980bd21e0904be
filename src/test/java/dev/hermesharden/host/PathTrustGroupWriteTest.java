package dev.hermesharden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root directory a system group may write is root's only while that group has no member but root
 * and no POSIX ACL names anyone (docs/threat-model.md): {@code usermod -aG staff hermes} on a
 * {@code root:staff 2775} directory, a service account made with {@code adduser --system --group}
 * (its own group below 1000), or {@code setfacl -m u:hermes:rwx} each let the agent in. The group
 * database is this test's; the directories, their modes and the ACL are real.
 */
class PathTrustGroupWriteTest {
  /** A system group id for the directories under test (staff on Debian). */
  private static final int GID = 50;

  @TempDir Path tmp;
  private String group = "staff:x:50:\n";
  private String passwd = "root:x:0:0:root:/root:/bin/bash\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n";
  private int groupExit;
  private final List<String> asked = new ArrayList<>();
  private Host host;
  private Path dir;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(LocalHost.runningAsRoot(), "needs root: chgrp to a system group");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    dir = Files.createDirectory(tmp.resolve("bin"));
    Files.setAttribute(dir, "unix:gid", GID, LinkOption.NOFOLLOW_LINKS);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
    host =
        new ForwardingHost(new LocalHost()) {
          @Override
          public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
            asked.add(String.join(" ", argv));
            if (argv.equals(List.of("getent", "group", "--", String.valueOf(GID)))) {
              return new ExecResult(argv, groupExit, groupExit == 0 ? group : "", "");
            }
            if (argv.equals(List.of("getent", "passwd"))) {
              return new ExecResult(argv, 0, passwd, "");
            }
            return inner.exec(argv, timeout);
          }
        };
  }

  @Test
  void aSystemGroupWithNoMemberButRootIsRoots() throws Exception {
    group = "staff:x:50:root\n";
    assertInstanceOf(PathTrust.RootOnly.class, PathTrust.classify(host, dir + "/ufw"));
    assertTrue(PathTrust.contentRootOnly(host, dir.toString()));
    assertTrue(asked.contains("ls -ld -- " + dir), asked.toString());
  }

  @Test
  void aNamedMemberOtherThanRootOpensIt() throws Exception {
    group = "staff:x:50:hermes\n";
    PathTrust t = PathTrust.classify(host, dir + "/ufw");
    assertInstanceOf(PathTrust.Shared.class, t);
    assertEquals(dir.toString(), ((PathTrust.Shared) t).directory());
    assertFalse(PathTrust.contentRootOnly(host, dir.toString()));
  }

  @Test
  void anAccountWhosePrimaryGroupItIsOpensIt() throws Exception {
    passwd += "hermes:x:998:50::/home/hermes:/bin/bash\n"; // adduser --system --group
    assertInstanceOf(PathTrust.Shared.class, PathTrust.classify(host, dir + "/ufw"));
  }

  @Test
  void anAclNamingAnotherAccountOpensIt() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/setfacl")), "needs setfacl (package acl)");
    ExecResult r =
        new LocalHost()
            .exec(List.of("setfacl", "-m", "u:65534:rwx", dir.toString()), Host.DEFAULT_TIMEOUT);
    assertTrue(r.ok(), r.stderr());
    // what the mode alone says: group 50, no member but root
    assertEquals(GID, host.lstat(dir.toString()).orElseThrow().gid());
    assertInstanceOf(PathTrust.Shared.class, PathTrust.classify(host, dir + "/ufw"));
  }

  @Test
  void anAclOnTheFileItselfMakesItsContentOpen() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/setfacl")), "needs setfacl (package acl)");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path f = Files.writeString(dir.resolve("ufw"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertTrue(PathTrust.contentRootOnly(host, f.toString()));
    ExecResult r =
        new LocalHost()
            .exec(List.of("setfacl", "-m", "u:65534:rw", f.toString()), Host.DEFAULT_TIMEOUT);
    assertTrue(r.ok(), r.stderr());
    assertFalse(PathTrust.contentRootOnly(host, f.toString()));
  }

  @Test
  void aGroupThatCannotBeAskedCountsAsOpen() throws Exception {
    groupExit = 1;
    assertInstanceOf(PathTrust.Shared.class, PathTrust.classify(host, dir + "/ufw"));
  }

  @Test
  void anUnknownGroupHasNoNamedMemberButItsAccountsStillCount() throws Exception {
    groupExit = 2; // getent: no such group
    assertInstanceOf(PathTrust.RootOnly.class, PathTrust.classify(host, dir + "/ufw"));
    passwd += "ghost:x:1234:50::/:/bin/sh\n";
    asked.clear();
    assertInstanceOf(PathTrust.Shared.class, PathTrust.classify(host, dir + "/ufw"));
  }

  @Test
  void rootsSearchPathLeavesOutADirectoryTheAgentMayWriteThroughItsGroup() throws Exception {
    group = "staff:x:50:hermes\n";
    assertEquals("/usr/bin", PathTrust.rootOnlyDirectories(host, dir + ":/usr/bin", "/bin"));
    group = "staff:x:50:\n";
    assertEquals(dir + ":/usr/bin", PathTrust.rootOnlyDirectories(host, dir + ":/usr/bin", "/bin"));
  }

  @Test
  void aDirectoryClosedToTheGroupAsksNothing() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertInstanceOf(PathTrust.RootOnly.class, PathTrust.classify(host, dir + "/ufw"));
    assertEquals(List.of(), asked);
  }
}
