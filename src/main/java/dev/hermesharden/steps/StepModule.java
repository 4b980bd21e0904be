package dev.hermesharden.steps;

/** Registers one step's check and fix implementations under their stable ids. */
public interface StepModule {
  void register(Catalog.Builder catalog);
}
