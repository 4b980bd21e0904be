package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.model.EvidenceKind;

/**
 * One proof a guarded fix lacks.
 *
 * @param why {@code guard.missing.absent}, {@code guard.missing.wrong-user}, {@code
 *     guard.missing.simulated}, {@code guard.missing.unreadable} or a {@code evidence.stale.*} key
 * @param how what the admin does to get it ({@code guard.how.<kind>})
 */
public record Missing(EvidenceKind kind, Reason why, Reason how) {}
