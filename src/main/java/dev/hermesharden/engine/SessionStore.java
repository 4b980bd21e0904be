package dev.hermesharden.engine;

import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The session in memory and on disk: every change goes through {@link #save}, which appends the
 * commands the host ran since the last save to the session log and writes the {@link Journal}
 * atomically. Reading the session never waits: a front end can show the last saved state while the
 * engine works on the host.
 */
final class SessionStore {
  private final Journal journal;
  private final RecordingHost host;
  private final Clock clock;
  private volatile Session session;

  SessionStore(Journal journal, RecordingHost host, Clock clock) {
    this.journal = journal;
    this.host = host;
    this.clock = clock;
  }

  /** The current session. @throws IllegalStateException before one was started or resumed */
  Session get() {
    Session s = session;
    if (s == null) {
      throw new IllegalStateException("startOrResume first");
    }
    return s;
  }

  Optional<Session> peek() {
    return Optional.ofNullable(session);
  }

  /** Saves {@code s} (with the commands run since the last save) as the current session. */
  synchronized void save(Session s) {
    Session logged = s.withLog(host.drain(), clock.instant());
    journal.save(logged);
    session = logged;
  }

  /** Applies a change to the current session and saves it. */
  synchronized Session update(UnaryOperator<Session> change) {
    save(change.apply(get()));
    return session;
  }

  Journal journal() {
    return journal;
  }
}
