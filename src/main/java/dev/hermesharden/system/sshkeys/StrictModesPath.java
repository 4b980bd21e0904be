package dev.hermesharden.system.sshkeys;

import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.LinkWalk;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.host.PosixAcl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What sshd's {@code StrictModes yes} asks of a keys file before it reads a key from it ({@code
 * safe_path} in OpenSSH's {@code misc.c}, {@code auth_secure_path} before 8.x): the file's real
 * path (symlinks resolved) and every directory above it, up to the account's home when the path
 * goes through it, else up to {@code /}, must be owned by root or the account and have no other
 * write bit, and no group write bit unless the group has exactly one member, the entry's owner
 * (Debian's and Ubuntu's "Allow harmless group-writability" patch: with it a 0770 home of a user
 * private group logs in, one whose group also holds the agent does not). A path that cannot be
 * resolved is refused too.
 *
 * <p>ACLs sshd does not read. Their mask shows in the group bits, so {@code setfacl -m
 * u:hermes:rwx} on the admin's home makes it 0770 with the admin's own group, which sshd takes
 * while the agent writes the admin's {@code .profile}: {@link #othersWrite} names such an entry.
 *
 * <p>The sshd step turns StrictModes on: a key that logs in today with {@code StrictModes no} is
 * refused after it when this walk finds a problem (EarlyStepsHostileSandbox4Test).
 *
 * @param entries the file, then each directory sshd looks at, with its {@code lstat}; the first
 *     entry's stat is empty when the real path could not be found
 */
public record StrictModesPath(List<Entry> entries) {
  public StrictModesPath {
    entries = List.copyOf(entries);
  }

  /**
   * One path sshd stats, and what it found there.
   *
   * @param group for a group-writable entry, its group's members (empty when the group does not
   *     exist, and for other entries)
   * @param acl whether the entry carries a POSIX ACL (asked only of group-writable entries)
   */
  public record Entry(String path, Optional<FileStat> stat, Optional<Group> group, boolean acl) {
    public Entry(String path, Optional<FileStat> stat) {
      this(path, stat, Optional.empty(), false);
    }
  }

  /**
   * A group's members as Debian's {@code secure_permissions} counts them.
   *
   * @param primaryUids the uids of the accounts whose primary group it is
   * @param named the members its {@code /etc/group} line names
   * @param owner the entry's owner's name, empty when no account has its uid
   */
  public record Group(List<Integer> primaryUids, List<String> named, Optional<String> owner) {
    public Group {
      primaryUids = List.copyOf(primaryUids);
      named = List.copyOf(named);
    }

    /**
     * Whether sshd takes the group write bit: every account with it as primary group is the one
     * logging in, the group names at most one member, the entry's owner, and it has a member.
     */
    boolean harmless(int uid) {
      if (primaryUids.stream().anyMatch(u -> u != uid)) {
        return false;
      }
      if (named.isEmpty()) {
        return !primaryUids.isEmpty();
      }
      return named.size() == 1 && owner.isPresent() && named.get(0).equals(owner.get());
    }
  }

  /** The walk for {@code path} of the account whose home is {@code home}. */
  public static StrictModesPath gather(Host host, String path, String home) throws HostException {
    List<String> asWritten = prefixes(path);
    List<Optional<FileStat>> written = host.lstatAll(asWritten);
    boolean plain =
        path.startsWith("/")
            && !path.contains("/..")
            && written.stream().allMatch(s -> s.isPresent() && !s.get().isSymlink());
    Optional<String> real =
        plain ? Optional.of(asWritten.get(asWritten.size() - 1)) : LinkWalk.realPath(host, path);
    if (real.isEmpty()) {
      return new StrictModesPath(List.of(new Entry(path, Optional.empty())));
    }
    String realHome =
        plain && asWritten.contains(home) ? home : LinkWalk.realPath(host, home).orElse(home);
    List<String> paths = new ArrayList<>(List.of(real.get()));
    String cur = real.get();
    while (!cur.equals("/") && !cur.equals(realHome)) {
      int slash = cur.lastIndexOf('/');
      cur = slash <= 0 ? "/" : cur.substring(0, slash);
      paths.add(cur);
    }
    List<Optional<FileStat>> stats = new ArrayList<>();
    if (plain) {
      for (String p : paths) {
        stats.add(written.get(asWritten.indexOf(p)));
      }
    } else {
      stats = host.lstatAll(paths);
    }
    List<Entry> out = new ArrayList<>();
    List<PasswdEntry> passwd = null;
    for (int i = 0; i < paths.size(); i++) {
      Optional<FileStat> st = stats.get(i);
      if (st.isEmpty() || !st.get().groupWritable()) {
        out.add(new Entry(paths.get(i), st));
        continue;
      }
      if (passwd == null) {
        passwd = listed(host);
      }
      out.add(
          new Entry(
              paths.get(i),
              st,
              group(host, st.get(), passwd),
              PosixAcl.present(host, paths.get(i))));
    }
    return new StrictModesPath(out);
  }

  private static Optional<Group> group(Host host, FileStat s, List<PasswdEntry> passwd)
      throws HostException {
    if (s.gid() < 0) {
      return Optional.empty();
    }
    Optional<GroupEntry> entry;
    try {
      entry = GroupEntry.lookup(host, String.valueOf(s.gid()));
    } catch (HostException e) {
      if (e.kind() != HostException.Kind.IO) {
        throw e;
      }
      entry = Optional.empty(); // unknown: its write bit is not taken
    }
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Group(
            passwd.stream().filter(e -> e.gid() == s.gid()).map(PasswdEntry::uid).toList(),
            entry.get().members(),
            passwd.stream().filter(e -> e.uid() == s.uid()).map(PasswdEntry::name).findFirst()));
  }

  /** Every account getent lists; none when it fails (a group then counts no primary members). */
  private static List<PasswdEntry> listed(Host host) throws HostException {
    try {
      return PasswdEntry.listed(host);
    } catch (HostException e) {
      if (e.kind() != HostException.Kind.IO) {
        throw e;
      }
      return List.of();
    }
  }

  /** {@code /}, then each path the components of {@code path} make, as written. */
  private static List<String> prefixes(String path) {
    List<String> out = new ArrayList<>(List.of("/"));
    String cur = "";
    for (String c : path.split("/")) {
      if (!c.isEmpty() && !c.equals(".")) {
        cur = cur + "/" + c;
        out.add(cur);
      }
    }
    return out;
  }

  /**
   * The first path sshd refuses for the account ({@code uid}, {@code user} by name where a stat has
   * no numeric owner), or empty when it takes the file.
   */
  public Optional<String> refused(int uid, String user) {
    for (Entry e : entries) {
      if (e.stat().isEmpty()) {
        return Optional.of(e.path());
      }
      FileStat s = e.stat().get();
      boolean owner =
          s.uid() >= 0
              ? s.uid() == 0 || s.uid() == uid
              : s.owner().equals("root") || s.owner().equals(user);
      boolean groupOk = !s.groupWritable() || e.group().map(g -> g.harmless(uid)).orElse(false);
      if (!owner || s.worldWritable() || !groupOk) {
        return Optional.of(e.path());
      }
    }
    return Optional.empty();
  }

  /**
   * The first entry sshd takes although an ACL lets others write it (its group write bit is the
   * ACL's mask), or empty.
   */
  public Optional<String> othersWrite() {
    return entries.stream()
        .filter(e -> e.acl() && e.stat().map(FileStat::groupWritable).orElse(false))
        .map(Entry::path)
        .findFirst();
  }
}
