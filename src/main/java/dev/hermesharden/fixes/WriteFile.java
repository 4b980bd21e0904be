package dev.hermesharden.fixes;

import dev.hermesharden.host.FileAttrs;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Replace (or create) a file. {@code before} is what the plan saw when it was made: applying
 * refuses when the file changed since, so the diff shown is the diff applied.
 *
 * @param charset how the text maps to the file's bytes: UTF-8, or ISO-8859-1 for files their
 *     program reads as bytes (sshd), so bytes that are not UTF-8 are written back unchanged
 */
public record WriteFile(
    String path, Optional<String> before, String after, FileAttrs attrs, Charset charset)
    implements PlannedAction {

  /** A UTF-8 text file. */
  public WriteFile(String path, Optional<String> before, String after, FileAttrs attrs) {
    this(path, before, after, attrs, StandardCharsets.UTF_8);
  }

  public String diff() {
    return diff(UnifiedDiff.BodyMask.NONE);
  }

  /** The diff with its body lines shown through {@code mask} (path and hunk ranges never are). */
  public String diff(UnifiedDiff.BodyMask mask) {
    return UnifiedDiff.of(path, before.orElse(""), after, before.isEmpty(), mask);
  }
}
