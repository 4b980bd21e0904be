package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.firewall.NoPublicSshCheck;
import dev.hermesharden.checks.firewall.SshPrivateRuleCheck;
import dev.hermesharden.checks.firewall.UfwActiveCheck;
import dev.hermesharden.checks.firewall.UfwDefaultPolicyCheck;
import dev.hermesharden.checks.firewall.UfwIpv6Check;
import dev.hermesharden.fixes.firewall.ClosePublicSshFix;
import dev.hermesharden.fixes.firewall.FirewallEnableFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** The check kinds and fixes of step 4, {@code firewall} (any step file may use the kinds). */
public final class FirewallModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("ufw-active", new UfwActiveCheck())
        .kind("ufw-default-policy", new UfwDefaultPolicyCheck())
        .kind("ufw-ipv6", new UfwIpv6Check())
        .kind("ufw-ssh-private", new SshPrivateRuleCheck())
        .kind("ufw-no-public-ssh", new NoPublicSshCheck())
        .fix(FirewallEnableFix.ID, new FirewallEnableFix())
        .fix(ClosePublicSshFix.ID, new ClosePublicSshFix());
  }
}
