package dev.hermesharden.model;

import java.util.List;

/** What the waiting side sees when it looks for a proof once ({@link ProofSession#poll}). */
public sealed interface PollResult {
  /** No proof yet: keep waiting. */
  record Pending() implements PollResult {}

  /** The login is proven; the token is now used up. */
  record Proven(Evidence evidence) implements PollResult {}

  /**
   * A confirmation was refused, or waiting is over.
   *
   * @param key i18n key of the reason, {@code args} its arguments
   * @param terminal true when waiting longer cannot help (the token expired or is used up, the
   *     practice login failed); false when the admin may run the confirm command again
   */
  record Rejected(String key, List<String> args, boolean terminal) implements PollResult {
    public Rejected {
      args = List.copyOf(args);
    }

    public static Rejected retry(String key, String... args) {
      return new Rejected(key, List.of(args), false);
    }

    public static Rejected end(String key, String... args) {
      return new Rejected(key, List.of(args), true);
    }
  }
}
