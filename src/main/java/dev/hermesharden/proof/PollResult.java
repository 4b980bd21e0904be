package dev.hermesharden.proof;

import dev.hermesharden.model.Evidence;
import java.util.List;

/** What the waiting side sees when it looks into the drop box. */
public sealed interface PollResult {
  /** No record yet: keep waiting. */
  record Pending() implements PollResult {}

  /** A record proved the login; the token is now used up. */
  record Proven(Evidence evidence) implements PollResult {}

  /**
   * A record was refused, or waiting is over.
   *
   * @param key i18n key of the reason, {@code args} its arguments
   * @param terminal true when waiting longer cannot help (the token expired or is used up); false
   *     when the admin may run the confirm command again with the same token
   */
  record Rejected(String key, List<String> args, boolean terminal) implements PollResult {
    public Rejected {
      args = List.copyOf(args);
    }

    static Rejected retry(String key, String... args) {
      return new Rejected(key, List.of(args), false);
    }

    static Rejected end(String key, String... args) {
      return new Rejected(key, List.of(args), true);
    }
  }
}
