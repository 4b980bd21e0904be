package dev.hermesharden.system.ufw;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ufw status verbose} (or {@code numbered}) says.
 *
 * @param defaults policy per direction ({@code incoming}, {@code outgoing}, {@code routed}) to
 *     {@code deny}, {@code allow}, {@code reject} or {@code disabled}; empty for the numbered
 *     layout and when inactive
 * @param logging e.g. {@code on (low)}; empty when not shown
 */
public record UfwStatus(
    boolean active, Optional<String> logging, Map<String, String> defaults, List<UfwRule> rules) {
  public UfwStatus {
    defaults = Map.copyOf(defaults);
    rules = List.copyOf(rules);
  }

  public static final UfwStatus INACTIVE =
      new UfwStatus(false, Optional.empty(), Map.of(), List.of());

  public Optional<String> defaultPolicy(String direction) {
    return Optional.ofNullable(defaults.get(direction));
  }
}
