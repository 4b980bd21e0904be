package dev.hermesharden.host;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides how root touches a file (docs/threat-model.md). A path only root can
 * change goes to the host's own direct operations; a path another account can change is handled
 * with that account's rights ({@link CommandFiles#as}); a path several accounts can change is
 * refused. Before any read the entry itself must be a regular file, judged without following it,
 * and no larger than {@link Host#MAX_FILE_BYTES}.
 */
final class SafeFiles {
  /** What a host does itself on paths only root can change. */
  interface Direct {
    /** Reads a regular file (already judged) without following a final symlink. */
    String read(String resolved, FileStat st, Charset cs) throws HostException;

    void write(String resolved, byte[] content, FileAttrs attrs) throws HostException;

    void delete(String resolved) throws HostException;

    List<String> list(String resolved) throws HostException;
  }

  private final Host host;
  private final Direct direct;
  private final boolean root;

  /**
   * @param root whether the process acts as root: only then could it do more than an account can,
   *     and only then are other accounts' paths handled with their rights (without root there are
   *     no rights to borrow, and the kernel already limits the process to its own)
   */
  SafeFiles(Host host, Direct direct, boolean root) {
    this.host = host;
    this.direct = direct;
    this.root = root;
  }

  /** The trust of a path, or {@code RootOnly} as-is when not running as root. */
  private PathTrust classify(String path) throws HostException {
    PathTrust t = PathTrust.classify(host, path);
    if (root || t instanceof PathTrust.RootOnly) {
      return t;
    }
    return new PathTrust.RootOnly(path, host.lstat(path));
  }

  Optional<String> read(String path, Charset cs) throws HostException {
    PathTrust t = classify(path);
    if (t instanceof PathTrust.RootOnly r) {
      if (r.target().isEmpty()) {
        return Optional.empty();
      }
      FileStat st = regular(path, r.target().get());
      return Optional.of(direct.read(r.resolved(), st, cs));
    }
    if (t instanceof PathTrust.ByAccount b) {
      Optional<FileStat> st = host.lstat(path);
      if (st.isEmpty()) {
        return Optional.empty();
      }
      regular(path, st.get());
      return CommandFiles.as(host, Account.of(host, b.uid())).read(path, cs);
    }
    throw shared(path, (PathTrust.Shared) t);
  }

  void write(String path, byte[] content, FileAttrs attrs) throws HostException {
    PathTrust t = classify(path);
    if (t instanceof PathTrust.RootOnly r) {
      if (r.target().isPresent() && !r.target().get().isRegularFile()) {
        throw notRegular(path, r.target().get());
      }
      direct.write(r.resolved(), content, attrs);
      return;
    }
    if (t instanceof PathTrust.ByAccount b) {
      Account a = Account.of(host, b.uid());
      boolean otherOwner = attrs.owner() != null && !attrs.owner().equals(a.name());
      boolean otherGroup =
          attrs.group() != null
              && !attrs.group().equals(String.valueOf(a.gid()))
              && !attrs.group().equals(GroupEntry.nameOf(host, a.gid()));
      if (otherOwner || otherGroup) {
        throw new HostException(
            HostException.Kind.UNSAFE,
            "refusing to write "
                + path
                + " for "
                + attrs.owner()
                + ":"
                + attrs.group()
                + ": account "
                + a.name()
                + " controls "
                + b.directory());
      }
      Optional<FileStat> old = host.lstat(path);
      if (old.isPresent() && !old.get().isRegularFile()) {
        throw notRegular(path, old.get());
      }
      int mode = attrs.mode() >= 0 ? attrs.mode() : old.map(FileStat::mode).orElse(0600);
      CommandFiles.as(host, a).write(path, content, mode, null);
      return;
    }
    throw shared(path, (PathTrust.Shared) t);
  }

  void delete(String path) throws HostException {
    PathTrust t = classify(path);
    if (t instanceof PathTrust.RootOnly r) {
      if (r.target().isPresent()) {
        direct.delete(r.resolved());
      }
      return;
    }
    if (t instanceof PathTrust.ByAccount b) {
      CommandFiles.as(host, Account.of(host, b.uid())).delete(path);
      return;
    }
    throw shared(path, (PathTrust.Shared) t);
  }

  List<String> list(String path) throws HostException {
    PathTrust t = classify(path);
    if (t instanceof PathTrust.RootOnly r) {
      return r.target().isPresent() && r.target().get().isDirectory()
          ? direct.list(r.resolved())
          : List.of();
    }
    if (t instanceof PathTrust.ByAccount b) {
      return CommandFiles.as(host, Account.of(host, b.uid())).list(path);
    }
    throw shared(path, (PathTrust.Shared) t);
  }

  private static FileStat regular(String path, FileStat st) throws HostException {
    if (!st.isRegularFile()) {
      throw notRegular(path, st);
    }
    if (st.size() > Host.MAX_FILE_BYTES) {
      throw CommandFiles.tooLarge(path);
    }
    return st;
  }

  private static HostException notRegular(String path, FileStat st) {
    return new HostException(
        HostException.Kind.UNSAFE, path + " is a " + st.type() + ", not a regular file; not read");
  }

  private static HostException shared(String path, PathTrust.Shared s) {
    return new HostException(
        HostException.Kind.UNSAFE,
        path + ": " + s.directory() + " can be changed by several accounts; not touched");
  }
}
