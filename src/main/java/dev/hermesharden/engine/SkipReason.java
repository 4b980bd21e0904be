package dev.hermesharden.engine;

import java.util.List;

/**
 * The admin's reason for skipping a step. The text is the admin's own words and must not be blank:
 * a skip without a reason is refused with {@code engine.skip.reason-required}.
 */
public record SkipReason(SkipKind kind, String text) {
  public SkipReason {
    if (kind == null || text == null || text.isBlank()) {
      throw new IllegalTransitionException("engine.skip.reason-required", List.of());
    }
    text = text.strip();
  }
}
