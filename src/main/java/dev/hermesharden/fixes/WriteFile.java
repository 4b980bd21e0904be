package dev.hermesharden.fixes;

import dev.hermesharden.host.FileAttrs;
import java.util.Optional;

/**
 * Replace (or create) a file. {@code before} is what the plan saw when it was made: applying
 * refuses when the file changed since, so the diff shown is the diff applied.
 */
public record WriteFile(String path, Optional<String> before, String after, FileAttrs attrs)
    implements PlannedAction {

  public String diff() {
    return diff(UnifiedDiff.BodyMask.NONE);
  }

  /** The diff with its body lines shown through {@code mask} (path and hunk ranges never are). */
  public String diff(UnifiedDiff.BodyMask mask) {
    return UnifiedDiff.of(path, before.orElse(""), after, before.isEmpty(), mask);
  }
}
