package dev.hermesharden.steps.modules;

import dev.hermesharden.checks.ParamSchema;
import dev.hermesharden.checks.ParamSchema.Param;
import dev.hermesharden.checks.containers.ContainerCheck;
import dev.hermesharden.checks.containers.ContainerRules;
import dev.hermesharden.fixes.containers.ComposeHardeningFix;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** The check kinds and fix of step 11, {@code containers} (any step file may use them). */
public final class ContainersModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {
    catalog
        .kind(
            "container-host-mounts",
            new ContainerCheck(
                ContainerRules::hostMounts,
                ParamSchema.of(Param.list("forbidden").orElse(ContainerRules.FORBIDDEN))))
        .kind("container-no-new-privileges", new ContainerCheck(ContainerRules::noNewPrivileges))
        .kind("container-cap-drop", new ContainerCheck(ContainerRules::capDrop))
        .kind("container-limits", new ContainerCheck(ContainerRules::limits))
        .kind("container-log-rotation", new ContainerCheck(ContainerRules::logRotation))
        .kind("container-env-secrets", new ContainerCheck(ContainerRules::envSecrets))
        .kind("docker-rootless", new ContainerCheck(ContainerRules::rootless))
        .fix(ComposeHardeningFix.ID, new ComposeHardeningFix());
  }
}
