package dev.hermesharden.steps.modules;

import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepModule;

/** Registers the checks and fixes of this step. */
public final class DockerModule implements StepModule {
  @Override
  public void register(Catalog.Builder catalog) {}
}
