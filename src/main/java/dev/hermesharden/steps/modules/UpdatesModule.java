package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.approvals.ApprovalsCheck;
import dev.hermesharden.checks.updates.ReleaseSupportedCheck;
import dev.hermesharden.checks.updates.SecurityOriginsCheck;
import dev.hermesharden.checks.updates.UpdatesRules;
import dev.hermesharden.fixes.common.PackageInstallFix;
import dev.hermesharden.fixes.updates.AutoUpgradesFix;
import dev.hermesharden.fixes.updates.UpdatesConfigFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** The check kinds and fixes of step 10, {@code updates} (any step file may use the kinds). */
public final class UpdatesModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind(ReleaseSupportedCheck.KIND, new ReleaseSupportedCheck())
        .kind(SecurityOriginsCheck.KIND, new SecurityOriginsCheck())
        .kind("hermes-pre-update-backup", new ApprovalsCheck(UpdatesRules::preUpdateBackup))
        .kind(
            "hermes-backup-keep",
            new ApprovalsCheck(
                UpdatesRules::backupKeep, ParamSchema.of(Param.integer("min").orElse("1"))));
    catalog
        .fix("updates.install", new PackageInstallFix("updates.install"))
        .fix(AutoUpgradesFix.ID, new AutoUpgradesFix())
        .fix(UpdatesConfigFix.ID, new UpdatesConfigFix());
  }
}
