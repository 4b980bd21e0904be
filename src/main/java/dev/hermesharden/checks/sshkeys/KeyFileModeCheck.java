package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.model.StepContext;
import java.util.List;

/**
 * {@code ssh-keys.file-mode}: each keys file sshd reads exists as a regular file, mode 600 or
 * stricter, owned by the admin, or, outside the home ({@code /etc/ssh/authorized_keys/%u}), owned
 * by root, writable only by root and readable by the admin. At least one of them must exist.
 *
 * <p>sshd reads a keys file with the account's rights, not root's: a root-owned 0600 {@code
 * /etc/ssh/authorized_keys/admin} refused the admin's key (EarlyStepsHostileSandbox3Test) while
 * this check passed it, and failed the 0644 that logged in, asking for 600: the advice that locks
 * the admin out. The admin reads a root file through its group bits when the file's group is the
 * admin's primary group; else through its other bits, unless the admin is in that group by a
 * supplementary membership, which this check does not read: so both must grant it there.
 */
public final class KeyFileModeCheck extends AdminKeysCheck {
  @Override
  public Verdict evaluate(AdminKeys f, Params params, StepContext ctx) {
    if (f.entry().isEmpty()) {
      return Verdict.fail("reason.ssh-keys.admin-missing", f.user());
    }
    List<AdminKeys.KeyFile> present =
        f.effectiveFiles().stream().filter(k -> k.stat().isPresent()).toList();
    if (present.isEmpty()) {
      String looked =
          String.join(" ", f.effectiveFiles().stream().map(AdminKeys.KeyFile::path).toList());
      return Verdict.fail("reason.ssh-keys.file-missing", looked);
    }
    String home = f.entry().get().home() + "/";
    for (AdminKeys.KeyFile k : present) {
      FileStat s = k.stat().get();
      boolean rootAllowed = !k.path().startsWith(home);
      boolean rootsFile = rootAllowed && s.owner().equals("root") && !f.user().equals("root");
      if (!s.owner().equals(f.user()) && !rootsFile) {
        return Verdict.fail("reason.ssh-keys.file-owner", k.path(), s.owner(), f.user())
            .with("owner", s.owner());
      }
      if (rootsFile) {
        if (!s.isRegularFile() || (s.mode() & 022) != 0 || !adminReads(s, f)) {
          return Verdict.fail("reason.ssh-keys.file-root-mode", k.path(), s.octalMode(), f.user())
              .with("mode", s.octalMode());
        }
      } else if (!s.isRegularFile() || s.groupOrWorldAccessible()) {
        return Verdict.fail("reason.ssh-keys.file-mode", k.path(), s.octalMode())
            .with("mode", s.octalMode());
      }
    }
    FileStat first = present.get(0).stat().get();
    boolean rootsFirst = !first.owner().equals(f.user());
    return (rootsFirst
            ? Verdict.pass("reason.ssh-keys.file-root-ok", present.get(0).path(), f.user())
            : Verdict.pass("reason.ssh-keys.file-ok", present.get(0).path()))
        .with("mode", first.octalMode());
  }

  /** Whether the admin can read a file of root's by its permission bits (see the class comment). */
  private static boolean adminReads(FileStat s, AdminKeys f) {
    boolean primaryGroup = s.gid() >= 0 && s.gid() == f.entry().orElseThrow().gid();
    return primaryGroup ? (s.mode() & 040) != 0 : (s.mode() & 044) == 044;
  }
}
