package dev.hermesharden.steps;

/** i18n keys of a step's teaching text: why it matters, what can break, how to undo it. */
public record Teaching(String whyKey, String breaksKey, String undoKey) {}
