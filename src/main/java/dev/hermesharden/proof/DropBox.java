package dev.hermesharden.proof;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.List;
import java.util.Optional;

/**
 * The directory {@code confirm} writes its record into: {@code /run/hermes-harden/confirm}, owned
 * by root, mode {@code 1733}. Everyone may create a file in it, nobody but root may list it, and
 * the sticky bit keeps each file deletable and replaceable only by its owner. A record's name is
 * sha256 of its token ({@link ProofToken#fileName}), so nobody can write under a token's name
 * without knowing the token. It lives under {@code /run} (tmpfs): records vanish on reboot, and the
 * state dir ({@code /var/lib/hermes-harden}, 0700) stays closed to the admin's account.
 *
 * <p>Caveat: the waiting (root) side must judge a record by its {@code lstat}, never by what it
 * says about its writer; see {@link RecordFile}.
 */
public record DropBox(String dir) {
  public static final String DEFAULT_DIR = "/run/hermes-harden/confirm";
  static final int MODE = 01733;

  public String recordPath(String fileName) {
    return dir + "/" + fileName;
  }

  /**
   * Creates the drop box (root, 1733) or makes an existing one so; fails when it is a symlink or is
   * owned by someone other than root afterwards.
   */
  public void prepare(Host host) throws HostException {
    run(host, "install", "-d", "-m", "1733", dir);
    run(host, "chmod", "1733", dir); // install -d leaves an existing directory's mode alone
    Optional<RecordFile> st = RecordFile.lstat(host, dir);
    if (st.isEmpty()
        || !st.get().type().equals("directory")
        || st.get().ownerUid() != 0
        || st.get().mode() != MODE) {
      throw new HostException(
          HostException.Kind.IO,
          "the confirm drop box "
              + dir
              + " is not a root-owned directory with mode 1733: "
              + st.map(RecordFile::toString).orElse("missing"));
    }
  }

  /** Names in the drop box (root can list it even though others cannot). */
  List<String> names(Host host) throws HostException {
    return host.listDirectory(dir);
  }

  private static void run(Host host, String... argv) throws HostException {
    ExecResult r = host.exec(argv);
    if (!r.ok()) {
      throw new HostException(
          HostException.Kind.IO, r.commandLine() + " failed: " + r.stderr().strip());
    }
  }
}
