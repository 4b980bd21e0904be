package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.sshkeys.StrictModesPath;
import java.util.List;
import java.util.Optional;

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
 *
 * <p>Then each file as sshd's {@code StrictModes yes} sees it ({@link StrictModesPath}): its real
 * path and every directory above it, to the home or to {@code /}, owned by root or the admin and
 * not writable by others (group write only for a group of the owner alone). A home 0770 whose group
 * also holds the agent passed here while sshd refused the key; with {@code StrictModes no} it
 * logged in and was proven, and the sshd step's drop-in, which turns StrictModes on, then refused
 * every new login (EarlyStepsHostileSandbox4Test). Judged whatever StrictModes is now: step 5 turns
 * it on. An ACL that lets the agent write the home sshd does not see (it took the key), but the
 * agent wrote the admin's {@code .profile}: that fails too.
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
    for (AdminKeys.KeyFile k : present) {
      Optional<String> refused =
          k.strictModes().flatMap(w -> w.refused(f.entry().get().uid(), f.user()));
      if (refused.isPresent()) {
        return Verdict.fail("reason.ssh-keys.strict-modes", k.path(), refused.get(), f.user())
            .with("refused", refused.get());
      }
      Optional<String> acl = k.strictModes().flatMap(StrictModesPath::othersWrite);
      if (acl.isPresent()) {
        return Verdict.fail("reason.ssh-keys.acl-write", k.path(), acl.get(), f.user())
            .with("acl", acl.get());
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
