package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.sshd.SshdAllowUsersCheck;
import dev.hermesharden.checks.sshd.SshdConfigRootOnlyCheck;
import dev.hermesharden.checks.sshd.SshdConfigValidCheck;
import dev.hermesharden.checks.sshd.SshdMatchPasswordsCheck;
import dev.hermesharden.checks.sshd.SshdMaxAuthTriesCheck;
import dev.hermesharden.checks.sshd.SshdRootLoginCheck;
import dev.hermesharden.checks.sshd.SshdRunningConfigCheck;
import dev.hermesharden.checks.sshd.SshdSecretLoginCheck;
import dev.hermesharden.checks.sshd.SshdSettingCheck;
import dev.hermesharden.checks.sshd.SshdSocketActivationCheck;
import dev.hermesharden.fixes.sshd.SshdDropInFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** The check kinds and fixes of step 5, {@code sshd} (any step file may use the kinds). */
public final class SshdModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("sshd-config-valid", new SshdConfigValidCheck())
        .kind("sshd-config-root-only", new SshdConfigRootOnlyCheck())
        .kind("sshd-root-login", new SshdRootLoginCheck())
        .kind("sshd-secret-login", new SshdSecretLoginCheck())
        .kind("sshd-setting", new SshdSettingCheck())
        .kind("sshd-allow-users", new SshdAllowUsersCheck())
        .kind("sshd-max-auth-tries", new SshdMaxAuthTriesCheck())
        .kind("sshd-match-passwords", new SshdMatchPasswordsCheck())
        .kind("sshd-socket-activation", new SshdSocketActivationCheck())
        .kind("sshd-running-config", new SshdRunningConfigCheck())
        .fix(SshdDropInFix.ID, new SshdDropInFix());
  }
}
