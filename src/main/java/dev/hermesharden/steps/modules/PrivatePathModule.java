package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.privatepath.CidrCheck;
import dev.hermesharden.checks.privatepath.PrivateLoginCheck;
import dev.hermesharden.checks.privatepath.TailscaleCheck;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/**
 * Step 3 {@code private-path}: Tailscale (or a chosen private network) is up and a login over it is
 * proven. No host fixes: installing Tailscale is guided by the step's teaching text.
 */
public final class PrivatePathModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("tailscale-up", new TailscaleCheck())
        .kind("private-cidr", new CidrCheck())
        .kind("private-path-login", new PrivateLoginCheck());
  }
}
