package dev.hermesharden.system.sshkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * sshd's StrictModes walk over a file tree of stats: in the sandbox a home the agent's group or an
 * ACL may write (0770) and a central keys directory the agent owns made sshd refuse the admin's key
 * (EarlyStepsHostileSandbox4Test).
 */
class StrictModesPathTest {
  private static final int ADMIN = 1000;
  private static final int HERMES = 1001;

  /** A host that only answers lstat and readlink from a map. */
  private static final class Tree implements Host {
    final Map<String, FileStat> stats = new HashMap<>();
    final Map<String, String> links = new HashMap<>();
    final Map<String, String> groups = new HashMap<>(Map.of("1000", "admin:x:1000:"));
    final java.util.Set<String> acls = new java.util.HashSet<>();

    Tree dir(String path, int uid, int mode) {
      stats.put(path, new FileStat(path, "u" + uid, "g", mode, 4096, "directory", 0, uid, uid, 2));
      return this;
    }

    Tree file(String path, int uid, int mode) {
      stats.put(path, new FileStat(path, "u" + uid, "g", mode, 90, "regular file", 0, uid, uid, 1));
      return this;
    }

    Tree link(String path, String target) {
      stats.put(path, new FileStat(path, "u0", "g", 0777, 9, "symbolic link", 0, 0, 0, 1));
      links.put(path, target);
      return this;
    }

    @Override
    public boolean simulated() {
      return false;
    }

    @Override
    public String name() {
      return "tree";
    }

    @Override
    public Optional<FileStat> lstat(String path) {
      return Optional.ofNullable(stats.get(path));
    }

    @Override
    public String readLink(String path) {
      return links.get(path);
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
      if (argv.equals(List.of("getent", "passwd"))) {
        return ok(
            "root:x:0:0:root:/root:/bin/bash\n"
                + "admin:x:1000:1000::/home/admin:/bin/bash\n"
                + "hermes:x:1001:1001::/home/hermes:/bin/sh\n");
      }
      if (argv.size() == 4 && argv.subList(0, 3).equals(List.of("getent", "group", "--"))) {
        String line = groups.get(argv.get(3));
        return line == null ? new ExecResult(argv, 2, "", "") : ok(line + "\n");
      }
      if (argv.size() == 4 && argv.subList(0, 3).equals(List.of("ls", "-ld", "--"))) {
        return ok((acls.contains(argv.get(3)) ? "drwxrwx---+" : "drwxrwx---") + " 2 a a 1 x\n");
      }
      throw new HostException(HostException.Kind.IO, "no such command here: " + argv);
    }

    private static ExecResult ok(String out) {
      return new ExecResult(List.of(), 0, out, "");
    }

    @Override
    public Optional<String> readFile(String path) {
      return Optional.empty();
    }

    @Override
    public void writeFile(String path, String content, FileAttrs attrs) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void deleteFile(String path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> listDirectory(String path) {
      return List.of();
    }
  }

  private static Tree vps(int homeMode) {
    return new Tree()
        .dir("/", 0, 0755)
        .dir("/home", 0, 0755)
        .dir("/home/admin", ADMIN, homeMode)
        .dir("/home/admin/.ssh", ADMIN, 0700)
        .file("/home/admin/.ssh/authorized_keys", ADMIN, 0600);
  }

  private static Optional<String> refused(Host host, String path) throws HostException {
    return StrictModesPath.gather(host, path, "/home/admin").refused(ADMIN, "admin");
  }

  @Test
  void aHomeOthersMayWriteIsRefusedAndTheWalkStopsAtTheHome() throws Exception {
    String keys = "/home/admin/.ssh/authorized_keys";
    assertEquals(Optional.empty(), refused(vps(0750), keys));
    assertEquals(Optional.of("/home/admin"), refused(vps(0757), keys));
    // above the home sshd does not look
    assertEquals(Optional.empty(), refused(vps(0750).dir("/home", 0, 0777), keys));
    // a ~/.ssh of the agent's
    assertEquals(
        Optional.of("/home/admin/.ssh"),
        refused(vps(0750).dir("/home/admin/.ssh", HERMES, 0700), keys));
  }

  /**
   * Debian's "harmless group-writability": a 0770 home whose group is the admin's alone logs in;
   * with hermes in that group sshd refused it (sandbox). An ACL for hermes shows as the same 0770
   * with the admin's own group: sshd took the key, and the agent wrote the admin's {@code
   * .profile}.
   */
  @Test
  void groupWriteCountsUnlessTheGroupIsTheOwnersAloneAndAnAclIsNamed() throws Exception {
    String keys = "/home/admin/.ssh/authorized_keys";
    Tree upg = vps(0770);
    StrictModesPath w = StrictModesPath.gather(upg, keys, "/home/admin");
    assertEquals(Optional.empty(), w.refused(ADMIN, "admin"));
    assertEquals(Optional.empty(), w.othersWrite());
    upg.groups.put("1000", "admin:x:1000:hermes");
    assertEquals(Optional.of("/home/admin"), refused(upg, keys));
    upg.groups.put("1000", "admin:x:1000:admin");
    assertEquals(Optional.empty(), refused(upg, keys), "the owner named as the only member");
    upg.groups.remove("1000");
    assertEquals(Optional.of("/home/admin"), refused(upg, keys), "no such group");
    Tree acl = vps(0770);
    acl.acls.add("/home/admin");
    w = StrictModesPath.gather(acl, keys, "/home/admin");
    assertEquals(Optional.empty(), w.refused(ADMIN, "admin"), "sshd does not read ACLs");
    assertEquals(Optional.of("/home/admin"), w.othersWrite());
    // a group of root's: root is no member that is the admin
    Tree rootGroup =
        vps(0750).dir("/etc", 0, 0775).dir("/etc/k", 0, 0755).file("/etc/k/a", 0, 0644);
    rootGroup.groups.put("0", "root:x:0:");
    assertEquals(Optional.of("/etc"), refused(rootGroup, "/etc/k/a"));
  }

  @Test
  void outsideTheHomeEveryDirectoryUpToTheRootCounts() throws Exception {
    Tree t =
        vps(0750)
            .dir("/etc", 0, 0755)
            .dir("/etc/ssh", 0, 0755)
            .dir("/etc/ssh/keys", 0, 0755)
            .file("/etc/ssh/keys/admin", 0, 0644);
    assertEquals(Optional.empty(), refused(t, "/etc/ssh/keys/admin"));
    assertEquals(
        Optional.of("/etc/ssh/keys"),
        refused(t.dir("/etc/ssh/keys", HERMES, 0755), "/etc/ssh/keys/admin"));
    assertEquals(
        Optional.of("/etc"),
        refused(t.dir("/etc/ssh/keys", 0, 0755).dir("/etc", 0, 0775), "/etc/ssh/keys/admin"));
  }

  @Test
  void theRealPathIsWalkedNotTheLink() throws Exception {
    Tree t =
        vps(0750)
            .link("/home/admin/.ssh/authorized_keys", "/srv/keys/admin")
            .dir("/srv", 0, 0755)
            .dir("/srv/keys", HERMES, 0755)
            .file("/srv/keys/admin", ADMIN, 0600);
    assertEquals(Optional.of("/srv/keys"), refused(t, "/home/admin/.ssh/authorized_keys"));
    t.dir("/srv/keys", 0, 0755);
    assertEquals(Optional.empty(), refused(t, "/home/admin/.ssh/authorized_keys"));
    // a home reached through a link stops the walk at its real path
    Tree moved =
        new Tree()
            .dir("/", 0, 0755)
            .link("/home", "/data/home")
            .dir("/data", 0, 0777)
            .dir("/data/home", 0, 0755)
            .dir("/data/home/admin", ADMIN, 0750)
            .dir("/data/home/admin/.ssh", ADMIN, 0700)
            .file("/data/home/admin/.ssh/authorized_keys", ADMIN, 0600);
    assertEquals(Optional.empty(), refused(moved, "/home/admin/.ssh/authorized_keys"));
    // a dangling link: sshd cannot resolve the path and refuses it
    Tree dangling = vps(0750).link("/home/admin/.ssh/authorized_keys", "/nowhere");
    assertEquals(
        Optional.of("/home/admin/.ssh/authorized_keys"),
        refused(dangling, "/home/admin/.ssh/authorized_keys"));
  }
}
