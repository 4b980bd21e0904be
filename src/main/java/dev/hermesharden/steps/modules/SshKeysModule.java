package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.sshkeys.AcceptableKeyCheck;
import dev.hermesharden.checks.sshkeys.AuthorizedKeysFileCheck;
import dev.hermesharden.checks.sshkeys.KeyFileModeCheck;
import dev.hermesharden.checks.sshkeys.KeyLoginCheck;
import dev.hermesharden.checks.sshkeys.SshDirCheck;
import dev.hermesharden.fixes.sshkeys.AddKeyFix;
import dev.hermesharden.fixes.sshkeys.FixModesFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** Step 2 {@code ssh-keys}: a strong key where sshd looks, tight modes, a proven key login. */
public final class SshKeysModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("ssh-dir-mode", new SshDirCheck())
        .kind("authorized-keys-mode", new KeyFileModeCheck())
        .kind("authorized-keys-file", new AuthorizedKeysFileCheck())
        .kind("acceptable-key", new AcceptableKeyCheck())
        .kind("key-login", new KeyLoginCheck())
        .fix("ssh-keys.fix-modes", new FixModesFix())
        .fix("ssh-keys.add-key", new AddKeyFix());
  }
}
