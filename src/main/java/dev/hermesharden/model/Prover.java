package dev.hermesharden.model;

import java.util.List;
import java.util.Optional;

/**
 * Performs or collects a login proof. On the practice VPS the login is simulated against the VPS's
 * state (labelled as simulated); on a real server the proof comes from a second terminal ({@code
 * hermes-harden confirm}, a later issue).
 */
public interface Prover {
  /** The outcome of one attempt: the evidence, or why the login did not work (i18n key + args). */
  record Attempt(Optional<Evidence> evidence, String failureKey, List<String> failureArgs) {
    public Attempt {
      failureArgs = List.copyOf(failureArgs);
    }

    public static Attempt proven(Evidence e) {
      return new Attempt(Optional.of(e), "", List.of());
    }

    public static Attempt failed(String key, String... args) {
      return new Attempt(Optional.empty(), key, List.of(args));
    }
  }

  /** Whether this prover can log in by itself (practice), or the admin must act (real host). */
  boolean automatic();

  /** Tries a fresh key-only login of {@code kind} for the admin in {@code answers}. */
  Attempt attempt(EvidenceKind kind, Answers answers);
}
