package dev.hermesharden.proof;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.ProofException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Root's side of the {@link DropBox}: checks every directory above it with {@code lstat}, creates
 * what is missing with {@code mkdir -m} (never {@code install -d} or {@code chmod}, which would
 * change a directory someone else planted), and moves anything that is not exactly as we make it
 * out of the way before making it anew: a 1733 box of an older version with records, files, FIFOs
 * or symlinks other accounts left in it, a directory of the admin's uid that another account made,
 * a wrong mode.
 *
 * <p>Why this is safe: every path root acts on lies below directories only root can change (checked
 * first), so nobody can swap a component for a symlink between the check and the act; {@code mv}
 * renames the entry itself (never what a symlink points to); {@code chown -h} runs only on a
 * directory root has just made. Caveat: {@code rm -rf} of a moved-away tree can fail while its
 * owner keeps writing into it through an open descriptor (a shell whose working directory is in
 * it); it is then left behind in a root-only directory with a random name, harmless, since nothing
 * ever reads it.
 */
final class DropBoxSetup {
  private static final int PARENT_MODE = 0755;

  private final Host host;
  private final SecureRandom random = new SecureRandom();

  DropBoxSetup(Host host) {
    this.host = host;
  }

  void prepare(DropBox box, int uid, int gid) throws HostException, ProofException {
    Path dir = Path.of(box.dir()).normalize();
    Path parent = dir.getParent();
    if (!dir.isAbsolute() || parent == null) {
      throw unsafe(box.dir(), "not an absolute path below /");
    }
    for (Path above : ancestors(parent)) {
      requireRootOnly(above.toString(), true);
    }
    if (RecordFile.lstat(host, parent.toString()).isEmpty()) {
      run("mkdir", "-m", octal(PARENT_MODE), "--", parent.toString());
    }
    requireRootOnly(parent.toString(), false);
    ensure(dir.toString(), 0, 0, DropBox.BOX_MODE);
    ensure(box.userDir(uid), uid, gid, DropBox.USER_MODE);
  }

  /** "/", "/run", ... down to, not including, {@code p}. */
  private static List<Path> ancestors(Path p) {
    List<Path> out = new ArrayList<>();
    for (Path a = p.getParent(); a != null; a = a.getParent()) {
      out.add(0, a);
    }
    return out;
  }

  /**
   * An existing directory of root that no other account can change entries in. A sticky
   * world-writable one ({@code /tmp}) is accepted above the parent: there only an entry's owner can
   * rename it, and every entry below is checked to be root's.
   */
  private void requireRootOnly(String path, boolean stickyOk) throws HostException, ProofException {
    Optional<RecordFile> st = RecordFile.lstat(host, path);
    if (st.isEmpty()
        || !st.get().directory()
        || st.get().ownerUid() != 0
        || (st.get().writableByOthers() && !(stickyOk && st.get().sticky()))) {
      throw unsafe(path, st.map(RecordFile::toString).orElse("missing"));
    }
  }

  /** Exactly a directory of {@code uid} with {@code mode}; anything else is moved away first. */
  private void ensure(String path, int uid, int gid, int mode)
      throws HostException, ProofException {
    Optional<RecordFile> st = RecordFile.lstat(host, path);
    if (st.isPresent() && st.get().directoryOf(uid, mode)) {
      return;
    }
    if (st.isPresent()) {
      moveAside(path);
    }
    run("mkdir", "-m", octal(mode), "--", path);
    if (uid != 0) {
      // '+': numeric ids even if an account is named like a number
      run("chown", "-h", "+" + uid + ":+" + gid, "--", path);
    }
    st = RecordFile.lstat(host, path);
    if (st.isEmpty() || !st.get().directoryOf(uid, mode)) {
      throw unsafe(path, st.map(RecordFile::toString).orElse("missing"));
    }
  }

  /**
   * Renames the entry (whatever it is) into a new root-only 0700 directory beside it, then tries to
   * delete that. Inside the 0700 directory nobody else can reach the entry by path any more, even
   * knowing its name (an older 1733 box would otherwise stay writable to all while it is deleted).
   */
  private void moveAside(String path) throws HostException {
    byte[] b = new byte[8];
    random.nextBytes(b);
    Path p = Path.of(path);
    String aside = p.resolveSibling(".stale-" + HexFormat.of().formatHex(b)).toString();
    run("mkdir", "-m", "700", "--", aside);
    run("mv", "-T", "--", path, aside + "/" + p.getFileName());
    host.exec("rm", "-rf", "--one-file-system", "--", aside); // best effort, see the caveat
  }

  private void run(String... argv) throws HostException {
    ExecResult r = host.exec(argv);
    if (!r.ok()) {
      throw new HostException(
          HostException.Kind.IO, r.commandLine() + " failed: " + r.stderr().strip());
    }
  }

  private static String octal(int mode) {
    return Integer.toOctalString(mode);
  }

  private static ProofException unsafe(String path, String what) {
    return new ProofException("proof.local.unsafe-drop-box", path, what);
  }
}
