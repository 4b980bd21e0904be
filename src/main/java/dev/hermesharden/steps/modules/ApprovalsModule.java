package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.approvals.ApprovalsCheck;
import dev.hermesharden.checks.approvals.ConfigRules;
import dev.hermesharden.checks.approvals.EnvRules;
import dev.hermesharden.fixes.approvals.ApprovalsConfigFix;
import dev.hermesharden.fixes.approvals.ApprovalsEnvFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** The check kinds and fixes of step 9, {@code approvals} (any step file may use the kinds). */
public final class ApprovalsModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("hermes-approvals-mode", new ApprovalsCheck(ConfigRules::mode))
        .kind("hermes-cron-mode", new ApprovalsCheck(ConfigRules::cronMode))
        .kind("hermes-redact-secrets", new ApprovalsCheck(ConfigRules::redactSecrets))
        .kind("hermes-website-blocklist", new ApprovalsCheck(ConfigRules::websiteBlocklist))
        .kind("hermes-private-urls", new ApprovalsCheck(ConfigRules::privateUrls))
        .kind(
            "hermes-terminal-backend",
            new ApprovalsCheck(
                ConfigRules::terminalBackend,
                ParamSchema.of(Param.text("expect").orElse("docker"))))
        .kind("hermes-docker-forward-env", new ApprovalsCheck(ConfigRules::dockerForwardEnv))
        .kind(
            "hermes-container-limits",
            new ApprovalsCheck(
                ConfigRules::containerLimits, ParamSchema.of(Param.text("max-cpu").orElse("2"))))
        .kind("hermes-yolo-env", new ApprovalsCheck(EnvRules::yolo))
        .kind("hermes-open-access", new ApprovalsCheck(EnvRules::openAccess))
        .kind(
            "hermes-api-key",
            new ApprovalsCheck(
                EnvRules::apiKey, ParamSchema.of(Param.integer("min-length").orElse("32"))))
        .kind("hermes-api-host", new ApprovalsCheck(EnvRules::apiHost))
        .kind("hermes-api-cors", new ApprovalsCheck(EnvRules::apiCors));
    catalog
        .fix(ApprovalsConfigFix.ID, new ApprovalsConfigFix())
        .fix(ApprovalsEnvFix.ID, new ApprovalsEnvFix());
  }
}
