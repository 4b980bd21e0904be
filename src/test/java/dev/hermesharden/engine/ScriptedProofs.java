package dev.hermesharden.engine;

import dev.hermesharden.host.Host;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.model.PollResult;
import dev.hermesharden.model.ProofChannel;
import dev.hermesharden.model.ProofSession;
import dev.hermesharden.practice.PracticeMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A proof channel that answers polls from a script ("pending", "proven", "retry", "end", "late": a
 * poll that hangs 30 s on a movable clock), with evidence for the admin stamped when it is proven;
 * and a run mode with it over the practice VPS.
 */
final class ScriptedProofs implements ProofChannel {
  final Deque<String> script = new ArrayDeque<>();
  final List<EvidenceKind> begun = new ArrayList<>();
  private final Clock clock;
  private final boolean manual;

  ScriptedProofs(Clock clock, boolean manual, String... polls) {
    this.clock = clock;
    this.manual = manual;
    script.addAll(List.of(polls));
  }

  @Override
  public ProofSession begin(EvidenceKind kind, Answers answers) {
    begun.add(kind);
    PendingProof ask =
        new PendingProof(
            kind,
            "TOKEN",
            answers.adminUser(),
            "100.64.0.10",
            List.of("ssh", "admin@100.64.0.10", "hermes-harden", "confirm"),
            clock.instant().plus(Duration.ofMinutes(10)),
            manual);
    return new ProofSession() {
      @Override
      public PendingProof ask() {
        return ask;
      }

      @Override
      public PollResult poll() {
        String next = script.isEmpty() ? "pending" : script.poll();
        return switch (next) {
          case "proven" ->
              new PollResult.Proven(
                  new Evidence(
                      kind,
                      answers.adminUser(),
                      "SHA256:k",
                      "100.64.0.10",
                      "100.64.0.2",
                      clock.instant(),
                      Map.of(),
                      true));
          case "retry" -> PollResult.Rejected.retry("proof.local.stale");
          case "end" -> PollResult.Rejected.end("proof.local.used");
          case "late" -> {
            // a poll that hung for 30 s (its connection was cut), then found nothing
            ((dev.hermesharden.testing.MovableClock) clock).advance(Duration.ofSeconds(30));
            yield new PollResult.Pending();
          }
          default -> new PollResult.Pending();
        };
      }
    };
  }

  /** The practice run mode over {@code host}, with these proofs. */
  RunMode over(Host host, Path stateDir) {
    RunMode practice = PracticeMode.of(host, stateDir, clock);
    return new RunMode(
        host,
        this,
        practice.reverts(),
        Answers.EMPTY,
        stateDir,
        practice.hostStateDir(),
        Optional.empty(),
        true,
        () -> {});
  }
}
