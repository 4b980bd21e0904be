package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.approvals.ApprovalsCheck;
import dev.hermesharden.checks.approvals.ConfigRules;
import dev.hermesharden.checks.approvals.EnvRules;
import dev.hermesharden.fixes.approvals.ApprovalsConfigFix;
import dev.hermesharden.fixes.approvals.ApprovalsEnvFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** Registers the checks and fixes of step 9, {@code approvals}. */
public final class ApprovalsModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .check("approvals.mode", new ApprovalsCheck(ConfigRules::mode))
        .check("approvals.cron-mode", new ApprovalsCheck(ConfigRules::cronMode))
        .check("approvals.redact-secrets", new ApprovalsCheck(ConfigRules::redactSecrets))
        .check("approvals.website-blocklist", new ApprovalsCheck(ConfigRules::websiteBlocklist))
        .check("approvals.private-urls", new ApprovalsCheck(ConfigRules::privateUrls))
        .check("approvals.terminal-backend", new ApprovalsCheck(ConfigRules::terminalBackend))
        .check("approvals.docker-forward-env", new ApprovalsCheck(ConfigRules::dockerForwardEnv))
        .check("approvals.container-limits", new ApprovalsCheck(ConfigRules::containerLimits))
        .check("approvals.yolo-env", new ApprovalsCheck(EnvRules::yolo))
        .check("approvals.open-access", new ApprovalsCheck(EnvRules::openAccess))
        .check("approvals.api-key", new ApprovalsCheck(EnvRules::apiKey))
        .check("approvals.api-host", new ApprovalsCheck(EnvRules::apiHost))
        .check("approvals.api-cors", new ApprovalsCheck(EnvRules::apiCors));
    catalog
        .fix(ApprovalsConfigFix.ID, new ApprovalsConfigFix())
        .fix(ApprovalsEnvFix.ID, new ApprovalsEnvFix());
  }
}
