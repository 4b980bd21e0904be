package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.sshkeys.ServiceKeysCheck;
import dev.hermesharden.checks.users.AdminSudoCheck;
import dev.hermesharden.checks.users.AdminUserCheck;
import dev.hermesharden.checks.users.NotRootLoginCheck;
import dev.hermesharden.checks.users.SecondRootCheck;
import dev.hermesharden.checks.users.ServiceGroupsCheck;
import dev.hermesharden.checks.users.ServicePasswordCheck;
import dev.hermesharden.checks.users.ServiceUserCheck;
import dev.hermesharden.fixes.users.AdminSudoFix;
import dev.hermesharden.fixes.users.CreateServiceUserFix;
import dev.hermesharden.fixes.users.ServiceGroupsFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** Step 1 {@code users}: an admin with sudo, an unprivileged service user, no root login. */
public final class UsersModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind("admin-user", new AdminUserCheck())
        .kind("admin-sudo", new AdminSudoCheck())
        .kind("no-second-root", new SecondRootCheck())
        .kind("service-user", new ServiceUserCheck())
        .kind("service-user-no-password", new ServicePasswordCheck())
        .kind("service-user-groups", new ServiceGroupsCheck())
        .kind("service-user-no-keys", new ServiceKeysCheck())
        .kind("not-root-login", new NotRootLoginCheck())
        .fix("users.admin-sudo", new AdminSudoFix())
        .fix("users.create-service-user", new CreateServiceUserFix())
        .fix("users.service-user-groups", new ServiceGroupsFix());
  }
}
