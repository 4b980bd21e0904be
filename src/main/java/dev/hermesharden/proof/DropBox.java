package dev.hermesharden.proof;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.ProofException;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code confirm} leaves its record: one directory per proving admin, {@code <dir>/<uid>}
 * (e.g. {@code /run/hermes-harden/confirm/1000}), owned by that admin and mode {@code 0700}, inside
 * {@code <dir>} owned by root, mode {@code 0711}: other accounts may pass through to a directory of
 * their own but cannot list {@code <dir>}, create anything in it, or enter the admin's directory.
 * So no account but the admin (and root) can read a record, create one, or pre-empt its name. Under
 * {@code /run} (tmpfs, only root creates entries there), records vanish at reboot.
 *
 * <p>Only root creates these directories ({@link DropBoxSetup}, when a proof is asked for); {@code
 * confirm} only writes into the directory of its own uid. Caveat: the admin's own account can write
 * any record there; the proof guards against mistakes and other accounts, not against the admin.
 */
public record DropBox(String dir) {
  public static final String DEFAULT_DIR = "/run/hermes-harden/confirm";

  /** {@code <dir>}: root's; others may only traverse it. */
  static final int BOX_MODE = 0711;

  /** {@code <dir>/<uid>}: the admin's alone. */
  public static final int USER_MODE = 0700;

  public String userDir(int uid) {
    return dir + "/" + uid;
  }

  public String recordPath(int uid, String fileName) {
    return userDir(uid) + "/" + fileName;
  }

  /**
   * Makes {@code <dir>} and the admin's directory safe, replacing whatever another account could
   * have left there; fails when a directory above {@code <dir>} is not root's.
   */
  public void prepare(Host host, int uid, int gid) throws HostException, ProofException {
    new DropBoxSetup(host).prepare(this, uid, gid);
  }

  /** Why the admin's directory cannot be trusted (lstat), or empty when it is as prepared. */
  Optional<String> userDirProblem(Host host, int uid) throws HostException {
    Optional<RecordFile> st = RecordFile.lstat(host, userDir(uid));
    if (st.isPresent() && st.get().directoryOf(uid, USER_MODE)) {
      return Optional.empty();
    }
    return Optional.of(st.map(RecordFile::toString).orElse("missing"));
  }

  /** Names in the admin's directory (root can list it). */
  List<String> names(Host host, int uid) throws HostException {
    return host.listDirectory(userDir(uid));
  }
}
