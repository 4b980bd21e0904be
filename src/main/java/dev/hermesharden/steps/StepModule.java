package dev.hermesharden.steps;

/**
 * Registers check kinds, conditions and fixes into the {@link Catalog}. Implementations are
 * discovered through {@code META-INF/services/dev.hermesharden.steps.StepModule}; a kind may be
 * used by any step file, not only by the step its module is named after.
 */
public interface StepModule {
  void register(Catalog.Builder catalog);
}
