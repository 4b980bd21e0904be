package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.hermesdir.HermesDirModeCheck;
import dev.hermesharden.checks.hermesdir.HermesHomeFoundCheck;
import dev.hermesharden.checks.hermesdir.LiteralSecretsCheck;
import dev.hermesharden.checks.hermesdir.SecretFileModeCheck;
import dev.hermesharden.checks.hermesdir.ServiceShellCheck;
import dev.hermesharden.checks.hermesdir.WorldWritableCheck;
import dev.hermesharden.fixes.hermesdir.HermesDirPermissionsFix;
import dev.hermesharden.fixes.hermesdir.ServiceShellNologinFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** Step 7 {@code hermes-dir}: HERMES_HOME private to the service user, no loose secrets. */
public final class HermesDirModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("hermes-home", new HermesHomeFoundCheck())
        .kind("hermes-dir-mode", new HermesDirModeCheck())
        .kind("hermes-secret-file", new SecretFileModeCheck())
        .kind("hermes-world-writable", new WorldWritableCheck())
        .kind("hermes-literal-secrets", new LiteralSecretsCheck())
        .kind("service-shell", new ServiceShellCheck())
        .fix("hermes-dir.permissions", new HermesDirPermissionsFix())
        .fix("hermes-dir.nologin", new ServiceShellNologinFix());
  }
}
