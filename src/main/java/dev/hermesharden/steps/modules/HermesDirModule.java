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
        .check("hermes-dir.found", new HermesHomeFoundCheck())
        .check("hermes-dir.directory", new HermesDirModeCheck())
        .check("hermes-dir.env-file", new SecretFileModeCheck(".env"))
        .check("hermes-dir.auth-file", new SecretFileModeCheck("auth.json"))
        .check("hermes-dir.no-world-writable", new WorldWritableCheck())
        .check("hermes-dir.no-literal-secrets", new LiteralSecretsCheck())
        .check("hermes-dir.service-shell", new ServiceShellCheck())
        .fix("hermes-dir.permissions", new HermesDirPermissionsFix())
        .fix("hermes-dir.nologin", new ServiceShellNologinFix());
  }
}
