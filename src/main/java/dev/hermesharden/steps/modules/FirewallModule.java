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

/** Registers the checks and fixes of step 4, {@code firewall}. */
public final class FirewallModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .check("firewall.active", new UfwActiveCheck())
        .check("firewall.default-incoming", new UfwDefaultPolicyCheck())
        .check("firewall.default-outgoing", new UfwDefaultPolicyCheck())
        .check("firewall.ipv6", new UfwIpv6Check())
        .check("firewall.ssh-private", new SshPrivateRuleCheck())
        .check("firewall.no-public-ssh", new NoPublicSshCheck())
        .fix(FirewallEnableFix.ID, new FirewallEnableFix())
        .fix(ClosePublicSshFix.ID, new ClosePublicSshFix());
  }
}
