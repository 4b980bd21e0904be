package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.fail2ban.BansEnforcedCheck;
import dev.hermesharden.checks.fail2ban.Fail2banInstalledCheck;
import dev.hermesharden.checks.fail2ban.Fail2banServiceCheck;
import dev.hermesharden.checks.fail2ban.FilterMatchesCheck;
import dev.hermesharden.checks.fail2ban.IgnoreIpCheck;
import dev.hermesharden.checks.fail2ban.JailBackendCheck;
import dev.hermesharden.checks.fail2ban.RunningConfigCheck;
import dev.hermesharden.checks.fail2ban.SshdJailCheck;
import dev.hermesharden.fixes.fail2ban.Fail2banInstallFix;
import dev.hermesharden.fixes.fail2ban.Fail2banJailFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** Registers the checks and fixes of step 6, {@code fail2ban}. */
public final class Fail2banModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .check("fail2ban.installed", new Fail2banInstalledCheck())
        .check("fail2ban.service", new Fail2banServiceCheck())
        .check("fail2ban.sshd-jail", new SshdJailCheck())
        .check("fail2ban.backend", new JailBackendCheck())
        .check("fail2ban.ignoreip", new IgnoreIpCheck())
        .check("fail2ban.filter-matches", new FilterMatchesCheck())
        .check("fail2ban.bans-enforced", new BansEnforcedCheck())
        .check("fail2ban.running-config", new RunningConfigCheck())
        .fix(Fail2banInstallFix.ID, new Fail2banInstallFix())
        .fix(Fail2banJailFix.ID, new Fail2banJailFix());
  }
}
