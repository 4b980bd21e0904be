package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.model.StepContext;
import java.util.List;

/**
 * {@code ssh-keys.file-mode}: each keys file sshd reads exists as a regular file, mode 600 or
 * stricter, owned by the admin (or by root when it lies outside the home, e.g. {@code
 * /etc/ssh/authorized_keys/%u}). At least one of them must exist.
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
      if (!s.owner().equals(f.user()) && !(rootAllowed && s.owner().equals("root"))) {
        return Verdict.fail("reason.ssh-keys.file-owner", k.path(), s.owner(), f.user())
            .with("owner", s.owner());
      }
      if (!s.isRegularFile() || s.groupOrWorldAccessible()) {
        return Verdict.fail("reason.ssh-keys.file-mode", k.path(), s.octalMode())
            .with("mode", s.octalMode());
      }
    }
    return Verdict.pass("reason.ssh-keys.file-ok", present.get(0).path())
        .with("mode", present.get(0).stat().get().octalMode());
  }
}
