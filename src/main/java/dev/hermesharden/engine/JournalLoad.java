package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import java.nio.file.Path;
import java.util.Optional;

/** What {@link Journal#load()} found. Loading never throws; every problem is one of these. */
public sealed interface JournalLoad {
  /** A state file of ours, read in full. */
  record Loaded(Session session) implements JournalLoad {}

  /** No state file yet: a first run. */
  record Missing() implements JournalLoad {}

  /**
   * A state file that could not be used (bad JSON, another tool's file, a format we do not know,
   * empty, unreadable). It was renamed aside so the next save does not destroy it.
   *
   * @param movedTo where it now is; empty when even renaming failed
   * @param reason {@code engine.journal.*} key with the details
   */
  record Corrupt(Optional<Path> movedTo, Reason reason) implements JournalLoad {}
}
