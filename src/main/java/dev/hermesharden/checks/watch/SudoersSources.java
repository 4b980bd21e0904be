package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.watch.SudoersCheck.Problem;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.system.sudoers.Sudoers;
import dev.hermesharden.system.sudoers.SudoersFile;
import dev.hermesharden.system.sudoers.SudoersParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the files sudo reads, following its own rules (sudoers(5), {@code plugins/sudoers/toke.l}):
 * {@code /etc/sudoers} (and {@code /etc/sudoers-rs}, which sudo-rs reads instead when it exists),
 * then every {@code @include} file and every {@code @includedir} directory's regular files in
 * lexical order, skipping names that end in {@code ~} or contain a {@code .}.
 *
 * <p>sudo skips a file (or a whole include directory) that is not owned by root, is writable by
 * everyone, or is writable by a group other than root's. Such a file grants nothing, but someone
 * other than root could write it: it is reported as a {@link Problem}, unread. So is a file whose
 * path another account can change ({@link PathTrust}: a link into its home) — that one sudo does
 * read, so it is judged too, and so is a file sudo reads that another account may write through
 * group root or a POSIX ACL ({@link PathTrust#writableByOthers}: sudo looks at neither). Every read
 * goes through {@link Host#readFile} (docs/threat-model.md).
 */
final class SudoersSources {
  static final List<String> MAIN = List.of("/etc/sudoers", "/etc/sudoers-rs");

  /** sudo's own limit on nested includes. */
  static final int MAX_DEPTH = 128;

  /** At most this many files are read; more is itself a problem. */
  static final int MAX_FILES = 200;

  private final Host host;
  private final List<SudoersFile> files = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private Optional<String> shortHost;

  private SudoersSources(Host host) {
    this.host = host;
  }

  record Read(List<SudoersFile> files, List<Problem> problems) {}

  static Read read(Host host) throws HostException {
    SudoersSources s = new SudoersSources(host);
    for (String main : MAIN) {
      s.file(main, 0);
    }
    return new Read(List.copyOf(s.files), List.copyOf(s.problems));
  }

  private void file(String path, int depth) throws HostException {
    if (depth > MAX_DEPTH || !seen.add(path)) {
      return;
    }
    if (files.size() >= MAX_FILES) {
      problems.add(new Problem(path, "more than " + MAX_FILES + " sudoers files: not read"));
      return;
    }
    Optional<FileStat> st = judged(path);
    if (st.isEmpty() || !st.get().isRegularFile()) {
      return; // sudo reads regular files only (a missing main file: no sudo here)
    }
    if (refused(path, st.get(), "file")) {
      return;
    }
    if (PathTrust.writableByOthers(host, st.get())) {
      // sudo reads it (group root may write, and sudo does not look at ACLs): judged, and reported
      problems.add(
          new Problem(
              path,
              "mode "
                  + st.get().octalMode()
                  + ", writable by another account through its group or an ACL: sudo reads it"));
    }
    Optional<String> text;
    try {
      text = host.readFile(path);
    } catch (HostException e) {
      if (e.kind() != HostException.Kind.UNSAFE && e.kind() != HostException.Kind.TOO_LARGE) {
        throw e;
      }
      problems.add(new Problem(path, "unreadable: " + e.kind()));
      return;
    }
    if (text.isEmpty()) {
      return;
    }
    Sudoers content = SudoersParser.parse(text.get());
    files.add(new SudoersFile(path, content));
    for (Sudoers.Include inc : content.includes()) {
      Optional<String> target = resolve(path, inc.path());
      if (target.isPresent() && inc.directory()) {
        directory(target.get(), depth + 1);
      } else if (target.isPresent()) {
        file(target.get(), depth + 1);
      }
    }
  }

  private void directory(String dir, int depth) throws HostException {
    if (!seen.add(dir + "/")) {
      return;
    }
    Optional<FileStat> st = judged(dir);
    if (st.isEmpty() || !st.get().isDirectory() || refused(dir, st.get(), "directory")) {
      return;
    }
    for (String name : host.listDirectory(dir)) {
      if (!name.isEmpty() && !name.endsWith("~") && !name.contains(".")) {
        file(dir + "/" + name, depth);
      }
    }
  }

  /**
   * The path's stat as sudo sees it (links followed), reporting a path another account can change.
   */
  private Optional<FileStat> judged(String path) throws HostException {
    PathTrust trust;
    try {
      trust = PathTrust.classify(host, path);
    } catch (HostException e) {
      if (e.kind() != HostException.Kind.UNSAFE) {
        throw e;
      }
      problems.add(new Problem(path, "unreadable: " + e.kind())); // a link loop
      return Optional.empty();
    }
    if (trust instanceof PathTrust.RootOnly r) {
      return r.target();
    }
    String who =
        trust instanceof PathTrust.ByAccount b
            ? "uid " + b.uid() + " can replace it (" + b.directory() + ")"
            : "several accounts can replace it (" + ((PathTrust.Shared) trust).directory() + ")";
    Optional<FileStat> st = host.stat(path);
    if (st.isPresent()) {
      problems.add(new Problem(path, who));
    }
    return st;
  }

  /**
   * sudo's own test ({@code sudo_secure_path}): root's, not writable by others or another group.
   */
  private boolean refused(String path, FileStat st, String what) {
    String why =
        st.uid() != 0
            ? "owner uid " + st.uid()
            : st.worldWritable()
                ? "mode " + st.octalMode() + ", writable by everyone"
                : st.groupWritable() && st.gid() != 0
                    ? "mode " + st.octalMode() + ", writable by group " + st.gid()
                    : "";
    if (why.isEmpty()) {
      return false;
    }
    problems.add(new Problem(path, why + ": sudo skips this " + what));
    return true;
  }

  /** An include path as sudo makes it: relative to the including file, {@code %h} the host name. */
  private Optional<String> resolve(String from, String path) throws HostException {
    if (path.isEmpty()) {
      return Optional.empty();
    }
    String p = path;
    if (p.contains("%h")) {
      if (shortHost == null) {
        var r = host.exec("hostname");
        String h = r.ok() ? r.stdout().strip() : "";
        shortHost = h.isEmpty() ? Optional.empty() : Optional.of(h.split("\\.", 2)[0]);
      }
      if (shortHost.isEmpty()) {
        return Optional.empty();
      }
      p = p.replace("%h", shortHost.get());
    }
    return Optional.of(p.startsWith("/") ? p : from.substring(0, from.lastIndexOf('/') + 1) + p);
  }
}
