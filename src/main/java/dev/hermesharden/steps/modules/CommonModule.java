package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.common.AptConfigCheck;
import dev.hermesharden.checks.common.PackageInstalledCheck;
import dev.hermesharden.checks.common.UnitActiveCheck;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** Check kinds any step may use: about the host's packages and services, not one step's topic. */
public final class CommonModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind(PackageInstalledCheck.KIND, new PackageInstalledCheck())
        .kind(UnitActiveCheck.KIND, new UnitActiveCheck())
        .kind(AptConfigCheck.KIND, new AptConfigCheck());
  }
}
