package dev.hermesharden.checks.sshkeys;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import java.util.Optional;

/**
 * {@code ssh-keys.authorized-keys-file}: sshd's effective {@code AuthorizedKeysFile} (from {@code
 * sshd -T}) is known, and keys in {@code ~/.ssh/authorized_keys} are not silently ignored because
 * sshd was told to look elsewhere.
 */
public final class AuthorizedKeysFileCheck extends AdminKeysCheck {
  @Override
  public Verdict evaluate(AdminKeys f, Params params, StepContext ctx) {
    if (f.entry().isEmpty()) {
      return Verdict.fail("reason.ssh-keys.admin-missing", f.user());
    }
    if (f.sshdPatterns().isEmpty()) {
      return Verdict.error("reason.ssh-keys.sshd-t-failed", f.sshdError());
    }
    String effective =
        String.join(" ", f.effectiveFiles().stream().map(AdminKeys.KeyFile::path).toList());
    Optional<AdminKeys.KeyFile> ignored =
        f.files().stream().filter(k -> !k.effective()).filter(k -> !k.keys().isEmpty()).findFirst();
    if (ignored.isPresent()) {
      return Verdict.fail("reason.ssh-keys.keys-ignored", ignored.get().path(), effective)
          .with("authorizedkeysfile", String.join(" ", f.sshdPatterns().get()));
    }
    if (effective.isEmpty()) {
      return Verdict.fail("reason.ssh-keys.keys-file-none");
    }
    return Verdict.pass("reason.ssh-keys.keys-file-ok", effective)
        .with("authorizedkeysfile", String.join(" ", f.sshdPatterns().get()));
  }
}
