package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What applying one plan did. {@code change} lists everything that was run and written, also when
 * the plan failed; {@code rolledBack} says the written files were then restored from their backups
 * (a failing validation command), so the host is as before except for the commands that ran.
 *
 * @param failure why the plan stopped ({@code engine.plan-stale}, {@code engine.command-failed},
 *     {@code engine.backup-failed}, {@code engine.host-error}, …); empty when it went through
 */
public record ApplyOutcome(AppliedChange change, boolean rolledBack, Optional<Reason> failure) {
  /** A plan with nothing to do: nothing ran, nothing failed. */
  public static ApplyOutcome nothing(String fixId, Instant at) {
    return new ApplyOutcome(
        new AppliedChange(fixId, List.of(), List.of(), at), false, Optional.empty());
  }

  public boolean ok() {
    return failure.isEmpty();
  }
}
