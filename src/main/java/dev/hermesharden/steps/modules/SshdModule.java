package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.sshd.SshdAllowUsersCheck;
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

/** Registers the checks and fixes of step 5, {@code sshd}. */
public final class SshdModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .check("sshd.config-valid", new SshdConfigValidCheck())
        .check("sshd.permit-root-login", new SshdRootLoginCheck())
        .check("sshd.password-authentication", new SshdSecretLoginCheck("password"))
        .check("sshd.kbd-interactive", new SshdSecretLoginCheck("keyboard-interactive"))
        .check("sshd.pubkey-authentication", new SshdSettingCheck("pubkeyauthentication", "yes"))
        .check("sshd.allow-users", new SshdAllowUsersCheck())
        .check("sshd.max-auth-tries", new SshdMaxAuthTriesCheck())
        .check("sshd.no-match-reenables-passwords", new SshdMatchPasswordsCheck())
        .check("sshd.socket-activation", new SshdSocketActivationCheck())
        .check("sshd.running-config", new SshdRunningConfigCheck())
        .fix(SshdDropInFix.ID, new SshdDropInFix());
  }
}
