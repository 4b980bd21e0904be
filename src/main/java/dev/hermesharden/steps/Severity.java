package dev.hermesharden.steps;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How much a failed check matters, as a step file rates it (lowest last). */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> fromId(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }
}
