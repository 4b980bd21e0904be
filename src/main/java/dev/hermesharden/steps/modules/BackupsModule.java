package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.backups.BackupArchiveCheck;
import dev.hermesharden.fixes.backups.BackupsInstallFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/**
 * Step {@code backups}: a daily encrypted backup of HERMES_HOME (the timer is {@code unit-active}).
 */
public final class BackupsModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("backup-archive", new BackupArchiveCheck())
        .fix(BackupsInstallFix.ID, new BackupsInstallFix());
  }
}
