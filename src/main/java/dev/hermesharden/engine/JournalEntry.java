package dev.hermesharden.engine;

import java.time.Instant;
import java.util.List;

/**
 * One command the wizard ran on the host, for the session log. Output is never recorded (it may
 * hold secrets); {@code exitCode} is -1 when the host could not run the command at all.
 */
public record JournalEntry(Instant at, List<String> argv, int exitCode) {
  public JournalEntry {
    argv = List.copyOf(argv);
  }
}
