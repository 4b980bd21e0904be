package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.fail2ban.BansEnforcedCheck;
import dev.hermesharden.checks.fail2ban.Fail2banConfigRootOnlyCheck;
import dev.hermesharden.checks.fail2ban.FilterMatchesCheck;
import dev.hermesharden.checks.fail2ban.IgnoreIpCheck;
import dev.hermesharden.checks.fail2ban.JailBackendCheck;
import dev.hermesharden.checks.fail2ban.RunningConfigCheck;
import dev.hermesharden.checks.fail2ban.SshdJailCheck;
import dev.hermesharden.fixes.fail2ban.Fail2banInstallFix;
import dev.hermesharden.fixes.fail2ban.Fail2banJailFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** The check kinds and fixes of step 6, {@code fail2ban} (any step file may use the kinds). */
public final class Fail2banModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("fail2ban-jail", new SshdJailCheck())
        .kind("fail2ban-backend", new JailBackendCheck())
        .kind("fail2ban-ignoreip", new IgnoreIpCheck())
        .kind("fail2ban-filter-matches", new FilterMatchesCheck())
        .kind("fail2ban-bans-enforced", new BansEnforcedCheck())
        .kind("fail2ban-running-config", new RunningConfigCheck())
        .kind("fail2ban-config-root-only", new Fail2banConfigRootOnlyCheck())
        .fix(Fail2banInstallFix.ID, new Fail2banInstallFix())
        .fix(Fail2banJailFix.ID, new Fail2banJailFix());
  }
}
