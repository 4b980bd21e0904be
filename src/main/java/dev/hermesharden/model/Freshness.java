package dev.hermesharden.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a piece of evidence still proves anything: it goes stale with age, and as soon as a file
 * it rests on (e.g. {@code authorized_keys}) no longer has the content it had when proven.
 */
public final class Freshness {
  /** How long a login proof counts when a step file does not say otherwise. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(30);

  /** Why evidence is not fresh, as an i18n key and its arguments. */
  public record Staleness(String key, String arg) {}

  private Freshness() {}

  /**
   * @param currentHashes sha256 of each file in {@link Evidence#restsOn()} as it is now; a missing
   *     entry means the file is gone
   * @return empty when fresh, otherwise why not
   */
  public static Optional<Staleness> check(
      Evidence e, Map<String, String> currentHashes, Instant now, Duration maxAge) {
    if (e.at().isAfter(now.plusSeconds(60))) {
      return Optional.of(new Staleness("evidence.stale.future", e.at().toString()));
    }
    Duration age = Duration.between(e.at(), now);
    if (age.compareTo(maxAge) > 0) {
      return Optional.of(new Staleness("evidence.stale.age", String.valueOf(age.toMinutes())));
    }
    for (Map.Entry<String, String> dep : e.restsOn().entrySet()) {
      if (!dep.getValue().equals(currentHashes.get(dep.getKey()))) {
        return Optional.of(new Staleness("evidence.stale.file", dep.getKey()));
      }
    }
    return Optional.empty();
  }
}
