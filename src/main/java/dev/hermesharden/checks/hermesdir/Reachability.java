package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.host.FileStat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether accounts other than a directory's owner can reach it, judged along the whole path: a
 * directory open to others (mode 755) is still closed when a directory above it denies them search
 * ({@code x}), e.g. {@code /home/hermes} at 700. Pure; the stats and the set of paths with POSIX
 * ACLs come from the host.
 *
 * <p>An ancestor that carries an ACL, or belongs to an account other than root and the directory's
 * owner, is taken as passable: its entries or its owner can let others through.
 */
final class Reachability {
  private Reachability() {}

  /**
   * The first ancestor that closes {@code dir} to other accounts, if any.
   *
   * @param ancestors the stats of every directory from {@code /} down to the parent of {@code dir}
   * @param withAcl paths that carry an extended ACL (a path whose ACL could not be asked is among
   *     them)
   */
  static Optional<FileStat> closedBy(FileStat dir, List<FileStat> ancestors, Set<String> withAcl) {
    boolean others = (dir.mode() & 0007) != 0;
    boolean group = (dir.mode() & 0070) != 0;
    for (FileStat a : ancestors) {
      if (withAcl.contains(a.path()) || (a.uid() != 0 && a.uid() != dir.uid())) {
        continue; // an ACL entry or another account's directory: assume it lets others pass
      }
      boolean otherX = (a.mode() & 0001) != 0;
      boolean groupX = otherX || (a.gid() == dir.gid() && (a.mode() & 0010) != 0);
      boolean passable = (others && otherX) || (group && groupX);
      if (!passable) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** {@code /a/b/c} → {@code /}, {@code /a}, {@code /a/b}. */
  static List<String> ancestors(String path) {
    List<String> out = new java.util.ArrayList<>();
    out.add("/");
    String[] parts = path.replaceFirst("^/+", "").split("/+");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      sb.append('/').append(parts[i]);
      out.add(sb.toString());
    }
    return out;
  }
}
