package dev.hermesharden.proof;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.List;
import java.util.Optional;

/**
 * A path as {@code lstat} sees it (symlinks are not followed): owner uid, hard-link count, mode
 * (with the set-id and sticky bits), size and {@code stat}'s type word. The owner is what the
 * kernel recorded when the file was created, so unlike the record's text it cannot be forged by
 * another account.
 */
public record RecordFile(int ownerUid, int links, int mode, long size, String type) {
  static final String FORMAT = "%u\t%h\t%a\t%s\t%F\n";

  /** Empty when the path does not exist. */
  public static Optional<RecordFile> lstat(Host host, String path) throws HostException {
    ExecResult r =
        host.exec(List.of("stat", "--printf=" + FORMAT, "--", path), Host.DEFAULT_TIMEOUT);
    if (!r.ok()) {
      if (r.stderr().contains("No such file")) {
        return Optional.empty();
      }
      throw new HostException(HostException.Kind.IO, "stat " + path + ": " + r.stderr().strip());
    }
    try {
      return Optional.of(parse(r.stdout()));
    } catch (IllegalArgumentException e) {
      throw new HostException(HostException.Kind.IO, "stat " + path + ": " + e.getMessage(), e);
    }
  }

  static RecordFile parse(String line) {
    String[] f = line.stripTrailing().split("\t", 5);
    if (f.length != 5) {
      throw new IllegalArgumentException("unexpected stat output: " + line);
    }
    return new RecordFile(
        Integer.parseInt(f[0]),
        Integer.parseInt(f[1]),
        Integer.parseInt(f[2], 8),
        Long.parseLong(f[3]),
        f[4]);
  }

  /** A plain file with one name: not a symlink, FIFO or hard link to someone else's file. */
  public boolean plainFile() {
    return type.startsWith("regular") && links == 1;
  }

  public boolean directory() {
    return type.equals("directory");
  }

  /** A real directory (not a symlink to one) of exactly this owner and mode. */
  public boolean directoryOf(int uid, int exactMode) {
    return directory() && ownerUid == uid && mode == exactMode;
  }

  /** Whether accounts other than the owner may create, rename or delete entries in it. */
  public boolean writableByOthers() {
    return (mode & 022) != 0;
  }

  public boolean sticky() {
    return (mode & 01000) != 0;
  }

  @Override
  public String toString() {
    return type + " uid " + ownerUid + " mode " + Integer.toOctalString(mode);
  }
}
