package dev.hermesharden.system.compose;

import dev.hermesharden.host.Account;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.system.accounts.TrustedAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether root may start containers from a compose file: only when no account but root (or the
 * admin, see {@link TrustedAccounts}) can change the file or anything compose reads for it (its
 * project's {@code .env}, {@code include}d and {@code extends}ed files, {@code env_file}s, build
 * contexts), nor any directory above them. Otherwise that account could add a service that mounts
 * {@code /} and root would start it (docs/threat-model.md).
 */
public final class ComposeTrust {
  /**
   * Why root will not run compose on a file.
   *
   * @param path the first file or directory another account can change
   * @param who the account that can, or "*" for several accounts
   */
  public record Untrusted(String path, String who) {}

  private ComposeTrust() {}

  /**
   * Empty when only root (or another trusted account: the admin) can change what compose would read
   * for this file.
   */
  public static Optional<Untrusted> untrusted(Host host, ComposeFile f, TrustedAccounts trusted)
      throws HostException {
    List<String> paths = new ArrayList<>();
    paths.add(f.path());
    paths.add(f.directory() + "/.env");
    for (String r : f.references()) {
      if (r.contains("$")) {
        return Optional.of(new Untrusted(r, "*")); // an interpolated path: cannot tell where
      }
      paths.add(r.startsWith("/") ? r : f.directory() + "/" + r);
    }
    for (String p : paths) {
      Optional<Untrusted> u = check(host, p, trusted);
      if (u.isPresent()) {
        return u;
      }
    }
    return Optional.empty();
  }

  /**
   * Whether another account can change anything compose reads for {@code f}'s project ({@link
   * ComposeFiles#project}): the file, its override, and what they name. An override root has not
   * read counts as changeable.
   */
  public static boolean untrustedProject(
      Host host, ComposeFiles compose, ComposeFile f, TrustedAccounts trusted)
      throws HostException {
    for (String p : compose.project(f)) {
      Optional<ComposeFile> pf =
          compose.files().stream().filter(x -> x.path().equals(p)).findFirst();
      if (pf.isEmpty() || untrusted(host, pf.get(), trusted).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Untrusted> check(Host host, String path, TrustedAccounts trusted)
      throws HostException {
    PathTrust t = PathTrust.classify(host, path);
    if (t instanceof PathTrust.ByAccount b) {
      if (!trusted.trusts(b.uid())) {
        return Optional.of(new Untrusted(b.directory(), Account.of(host, b.uid()).name()));
      }
      // the admin's own directory: judge the file itself as in a directory of root's
      Optional<FileStat> st = host.lstat(path);
      return st.isPresent() ? content(host, path, st.get(), trusted) : Optional.empty();
    }
    if (t instanceof PathTrust.Shared s) {
      return Optional.of(new Untrusted(s.directory(), "*"));
    }
    PathTrust.RootOnly r = (PathTrust.RootOnly) t;
    return r.target().isPresent()
        ? content(host, path, r.target().get(), trusted)
        : Optional.empty();
  }

  /** A file whose name is safe: its content must be a trusted account's and closed to others. */
  private static Optional<Untrusted> content(
      Host host, String path, FileStat st, TrustedAccounts trusted) throws HostException {
    if (st.isSymlink()) {
      return Optional.of(new Untrusted(path, "*")); // a link another hop away: not followed here
    }
    if (PathTrust.writableByOthers(host, st)) {
      return Optional.of(new Untrusted(path, "*"));
    }
    if (!trusted.trusts(st.uid())) {
      return Optional.of(new Untrusted(path, Account.of(host, st.uid()).name()));
    }
    return Optional.empty();
  }
}
