package dev.hermesharden.steps;

/**
 * A check's applicability: the registered {@link dev.hermesharden.checks.Condition} it needs, and
 * the i18n key of the reason shown (as {@code NOT_APPLICABLE}) when it does not hold.
 */
public record AppliesWhen(String condition, String reasonKey) {}
