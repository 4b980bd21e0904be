package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.model.StepContext;

/**
 * {@code ssh-keys.dir-mode}: the admin's {@code ~/.ssh} is a directory owned by the admin with no
 * group or other permissions (700). sshd's StrictModes ignores keys under a loose directory.
 */
public final class SshDirCheck extends AdminKeysCheck {
  @Override
  public Verdict evaluate(AdminKeys f, Params params, StepContext ctx) {
    if (f.entry().isEmpty()) {
      return Verdict.fail("reason.ssh-keys.admin-missing", f.user());
    }
    String path = f.entry().get().home() + "/.ssh";
    if (f.sshDir().isEmpty()) {
      return Verdict.fail("reason.ssh-keys.dir-missing", path);
    }
    FileStat s = f.sshDir().get();
    if (!s.isDirectory()) {
      return Verdict.fail("reason.ssh-keys.dir-not-directory", path);
    }
    if (!s.owner().equals(f.user())) {
      return Verdict.fail("reason.ssh-keys.dir-owner", path, s.owner(), f.user())
          .with("owner", s.owner());
    }
    if (s.groupOrWorldAccessible()) {
      return Verdict.fail("reason.ssh-keys.dir-mode", path, s.octalMode())
          .with("mode", s.octalMode());
    }
    return Verdict.pass("reason.ssh-keys.dir-ok", path).with("mode", s.octalMode());
  }
}
