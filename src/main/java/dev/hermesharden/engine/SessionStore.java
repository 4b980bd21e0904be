package dev.hermesharden.engine;

import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The session in memory and on disk: every change goes through {@link #save}, which appends the
 * commands the host ran since the last save to the session log and writes the {@link Journal}
 * atomically. Reading the session never waits: a front end can show the last saved state while the
 * engine works on the host.
 *
 * <p>Results (a new session, check results: what a resume re-derives anyway, since it trusts no
 * saved status) may be kept unsaved until {@link #persist} when {@link #saveResultsLater} was
 * asked: the full-screen wizard shows them first and saves right after. Everything else (answers,
 * applies, revert jobs, evidence, skips) is written before the call returns, with any results kept
 * before it.
 */
final class SessionStore {
  private final Journal journal;
  private final RecordingHost host;
  private final Clock clock;
  private volatile Session session;
  private volatile boolean resultsLater;
  private volatile boolean unsaved;

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
    unsaved = false;
  }

  /** Applies a change to the current session and saves it. */
  synchronized Session update(UnaryOperator<Session> change) {
    save(change.apply(get()));
    return session;
  }

  /** A session made of results only: saved now, or kept until {@link #persist} when asked. */
  synchronized void saveResult(Session s) {
    if (!resultsLater) {
      save(s);
      return;
    }
    session = s.withLog(host.drain(), clock.instant());
    unsaved = true;
  }

  /** Applies a change of results to the current session, as {@link #saveResult}. */
  synchronized Session updateResult(UnaryOperator<Session> change) {
    saveResult(change.apply(get()));
    return session;
  }

  /** Results may wait for {@link #persist} from now on. */
  void saveResultsLater() {
    resultsLater = true;
  }

  boolean unsaved() {
    return unsaved;
  }

  /** Writes what was kept unsaved, if anything. @throws JournalException as {@link #save} */
  synchronized void persist() {
    if (unsaved) {
      journal.save(session);
      unsaved = false;
    }
  }

  Journal journal() {
    return journal;
  }
}
