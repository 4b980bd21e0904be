package dev.hermesharden.model;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What a check or a fix may know beyond the host itself: the admin's answers, the evidence
 * recorded so far, the clock, and how the admin is connected.
 *
 * @param clientAddress the admin's address as the server sees it ({@code SSH_CONNECTION}), if any
 */
public record StepContext(
    Answers answers, List<Evidence> evidence, Clock clock, Optional<String> clientAddress) {
  public StepContext {
    evidence = List.copyOf(evidence);
  }

  public static StepContext of(Answers answers) {
    return new StepContext(answers, List.of(), Clock.systemUTC(), Optional.empty());
  }

  /** The newest evidence of a kind, fresh or not; freshness is the engine's call. */
  public Optional<Evidence> latest(EvidenceKind kind) {
    return evidence.stream()
        .filter(e -> e.kind() == kind)
        .max(java.util.Comparator.comparing(Evidence::at));
  }
}
