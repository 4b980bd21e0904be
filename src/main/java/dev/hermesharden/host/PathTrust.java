package dev.hermesharden.host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who can change what a path names. Walks the path from {@code /} one component at a time with
 * {@code lstat} (never following a link it has not judged): while every directory is root's and
 * closed to other accounts, only root can change what the path names, and root's own symlinks are
 * followed. The first directory owned by another account hands the rest of the path to that
 * account: it can rename, replace and re-link anything below. A directory several accounts may
 * write (world-writable without the sticky bit, or group-writable by a group with a member other
 * than root) gives the path to no one in particular.
 *
 * <p>This decides how root may touch a path (docs/threat-model.md): {@link RootOnly} paths
 * directly, {@link ByAccount} paths only with that account's own rights ({@link CommandFiles#as}),
 * {@link Shared} paths not at all.
 *
 * <p>A group's write bit lets only root in when the group is a system group (gid below 1000) whose
 * only member, named or by its primary group, is root, and no POSIX ACL names anyone else: with an
 * ACL the group bits are the ACL's mask, so the write bit is where an ACL's grant of write shows
 * ({@code setfacl -m u:hermes:rwx} on a root directory makes it {@code drwxrwxr-x+}). Those
 * questions ({@code getent}, {@code ls -ld} for the ACL's {@code +}) are asked only of a
 * group-writable entry of root's, which is rare.
 */
public sealed interface PathTrust {
  /** Groups below this id are system groups, managed by root and packages. */
  int FIRST_USER_GID = 1000;

  /** The path with root's own symlinks followed, as far as they were. */
  String resolved();

  /**
   * Only root can change what the path names.
   *
   * @param target the entry itself (the final component), or empty when it does not exist
   */
  record RootOnly(String resolved, Optional<FileStat> target) implements PathTrust {
    /** Only root can change the file's content too: it is root's and not writable by others. */
    public boolean contentRootOnly(Host host) throws HostException {
      return target.isEmpty() || (target.get().uid() == 0 && !writableByOthers(host, target.get()));
    }
  }

  /**
   * An account other than root can change what the path names: it owns {@code directory}.
   *
   * @param resolved the path as asked, with root's symlinks before {@code directory} followed
   */
  record ByAccount(String resolved, int uid, String directory) implements PathTrust {}

  /** Several accounts can change what the path names ({@code directory} is open to them). */
  record Shared(String resolved, String directory) implements PathTrust {}

  /**
   * Judges an absolute path.
   *
   * @throws HostException {@code UNSAFE} for a relative path or a symlink loop
   */
  static PathTrust classify(Host host, String path) throws HostException {
    if (!path.startsWith("/")) {
      throw new HostException(HostException.Kind.UNSAFE, "not an absolute path: " + path);
    }
    LinkWalk walk = new LinkWalk(path);
    // the straight walk's entries in one go (one command over SSH), again after each link
    Map<String, Optional<FileStat>> ahead = prefetch(host, "", walk.remaining());
    FileStat root =
        ahead.remove("/").orElseThrow(() -> new HostException(HostException.Kind.IO, "/"));
    if (root.uid() != 0 || writableByOthers(host, root)) {
      return new Shared(path, "/");
    }
    FileStat curStat = root;
    while (walk.hasNext()) {
      Optional<String> step = walk.step();
      String cur = walk.current();
      if (step.isEmpty()) { // ".." moved the walk up
        curStat = host.lstat(cur.isEmpty() ? "/" : cur).orElse(root);
        continue;
      }
      String next = step.get();
      String rest = walk.rest(next);
      Optional<FileStat> st = ahead.containsKey(next) ? ahead.remove(next) : host.lstat(next);
      boolean openDir = curStat.sticky() && writableByOthers(host, curStat);
      if (st.isEmpty()) {
        // a name anyone may create (in /tmp, say) is not root's
        return openDir ? new Shared(rest, cur.isEmpty() ? "/" : cur) : new RootOnly(rest, st);
      }
      FileStat s = st.get();
      if (openDir && s.uid() != 0) {
        return new ByAccount(rest, s.uid(), next); // in a sticky directory the owner controls it
      }
      if (s.isSymlink()) {
        if (walk.follow(host, next)) {
          curStat = root;
        }
        ahead = prefetch(host, walk.current(), walk.remaining()); // what follows is another path
        continue;
      }
      if (walk.hasNext() && !s.isDirectory()) {
        return new RootOnly(rest, Optional.empty()); // "Not a directory": nothing is there
      }
      if (s.isDirectory()) {
        if (s.uid() != 0) {
          return new ByAccount(rest, s.uid(), next);
        }
        if (!s.sticky() && writableByOthers(host, s)) {
          return new Shared(rest, next);
        }
      }
      if (!walk.hasNext()) {
        return new RootOnly(next, st);
      }
      walk.enter(next);
      curStat = s;
    }
    String cur = walk.current();
    return new RootOnly(cur.isEmpty() ? "/" : cur, Optional.of(curStat));
  }

  /**
   * The directories of a search path ({@code PATH}) only root can change, in order: as root, a
   * directory another account could write would let it plant the {@code chmod} or {@code docker}
   * that root runs next. A directory that cannot be judged is dropped; {@code fallback} when none
   * is left.
   */
  static String rootOnlyDirectories(Host host, String path, String fallback) {
    // judged side by side: over SSH each walk is a few round trips, and they do not depend on
    // each other
    List<String> dirs = List.of(path.split(":"));
    List<Boolean> judged;
    try {
      judged =
          SideBySide.map(
              dirs,
              dir -> {
                try {
                  return dir.startsWith("/") && classify(host, dir) instanceof RootOnly;
                } catch (HostException e) {
                  return false; // a directory that cannot be judged is not searched
                }
              });
    } catch (HostException e) {
      return fallback; // not thrown: each question answers false instead
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < dirs.size(); i++) {
      if (judged.get(i)) {
        kept.add(dirs.get(i));
      }
    }
    return kept.isEmpty() ? fallback : String.join(":", kept);
  }

  /**
   * Whether only root can change what {@code path} names and its content (a directory's entries):
   * every directory on the way root's and closed, the target root's and not writable by others.
   */
  static boolean contentRootOnly(Host host, String path) throws HostException {
    return classify(host, path) instanceof RootOnly r && r.contentRootOnly(host);
  }

  /**
   * Writable by someone other than its owner and root: the world, a group with another member
   * (every user group; a system group with a member other than root), or an account or group a
   * POSIX ACL names. What cannot be asked counts as writable.
   */
  static boolean writableByOthers(Host host, FileStat s) throws HostException {
    if (s.worldWritable()) {
      return true;
    }
    if (!s.groupWritable()) {
      return false;
    }
    if (s.gid() < 0 || s.gid() >= FIRST_USER_GID) {
      return true; // a user group: its user, at least
    }
    return groupHasAnotherMember(host, s.gid()) || PosixAcl.present(host, s.path());
  }

  /** A member of the group other than root: named in its entry, or by primary group. */
  private static boolean groupHasAnotherMember(Host host, int gid) throws HostException {
    try {
      if (GroupEntry.lookup(host, String.valueOf(gid)) // none: no member named
          .map(g -> g.members().stream().anyMatch(m -> !m.equals("root")))
          .orElse(false)) {
        return true;
      }
      return PasswdEntry.listed(host).stream().anyMatch(e -> e.gid() == gid && e.uid() != 0);
    } catch (HostException e) {
      if (e.kind() != HostException.Kind.IO) {
        throw e;
      }
      return true; // what cannot be asked counts as another member
    }
  }

  /**
   * The directory {@code from} ({@code ""} for {@code /}) and every path the components make below
   * it as written, up to the first {@code ..}.
   */
  private static Map<String, Optional<FileStat>> prefetch(
      Host host, String from, Collection<String> components) throws HostException {
    List<String> paths = new ArrayList<>(List.of(from.isEmpty() ? "/" : from));
    String cur = from;
    for (String c : components) {
      if (c.equals("..")) {
        break;
      }
      cur = cur + "/" + c;
      paths.add(cur);
    }
    List<Optional<FileStat>> stats = host.lstatAll(paths);
    Map<String, Optional<FileStat>> out = new HashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      out.put(paths.get(i), stats.get(i));
    }
    return out;
  }
}
