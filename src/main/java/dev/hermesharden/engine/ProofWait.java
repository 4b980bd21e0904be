package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.model.PollResult;
import dev.hermesharden.model.ProofSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one loop that waits for a login proof, for every front end: polls the {@link ProofSession}
 * every {@link #POLL} until the proof comes, a refusal ends it, the deadline passes or the admin
 * stops. A refusal that a new confirmation can mend (a password login, the wrong address) is told
 * to the {@link Listener} and waiting goes on. The listener hears the seconds left whenever they
 * change, for a countdown.
 *
 * <p>A proof the channel makes itself (the practice workstation: {@link PendingProof#manual()} is
 * false) is polled only once the listener is {@link Listener#ready()}, so a front end can first
 * show what a real server would ask and let the admin start it. A direct proof (remote mode: the
 * wizard's own new SSH login) is polled at once.
 */
public final class ProofWait {
  /** How often the session is polled (a confirm is seen within a quarter of a second). */
  public static final Duration POLL = Duration.ofMillis(250);

  /** What a front end hears while waiting; every method has a do-nothing default. */
  public interface Listener {
    /** The proof asked for, before waiting starts; {@code revert} when a change waits for it. */
    default void asked(PendingProof ask, Optional<ArmedRevert> revert) {}

    /** The seconds left, whenever they change; {@code refusal}: the last mendable refusal. */
    default void waiting(long secondsLeft, Optional<Reason> refusal) {}

    /** A confirmation that did not count but may be tried again. */
    default void refused(Reason why) {}

    /** Polled while waiting: true ends the wait ({@link ProofOutcome.Stopped}). */
    default boolean stopped() {
      return false;
    }

    /** Polled before a proof the channel makes itself: false keeps it waiting. */
    default boolean ready() {
      return true;
    }
  }

  /** Sleeps between polls (tests advance a clock instead). */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Clock clock;
  private final Sleeper sleeper;

  public ProofWait(Clock clock) {
    this(clock, d -> Thread.sleep(d.toMillis()));
  }

  public ProofWait(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Waits for {@code session} until {@code deadline}; a proven login is NOT recorded here (the
   * engine records it).
   */
  public ProofOutcome await(ProofSession session, Instant deadline, Listener l) {
    Optional<Reason> refusal = Optional.empty();
    long shown = -1;
    boolean manual = session.ask().manual() || session.ask().direct();
    try {
      while (!l.stopped()) {
        Instant now = clock.instant();
        if (!now.isBefore(deadline)) {
          return new ProofOutcome.TimedOut(deadline);
        }
        // rounded up: "1 s" until the last moment, never "0 s" while time is left
        long left = (Duration.between(now, deadline).toMillis() + 999) / 1000;
        if (left != shown) {
          shown = left;
          l.waiting(left, refusal);
        }
        if (manual || l.ready()) {
          PollResult r = session.poll();
          if (r instanceof PollResult.Proven p) {
            return new ProofOutcome.Proven(p.evidence());
          }
          if (r instanceof PollResult.Rejected no) {
            Reason why = new Reason(no.key(), no.args());
            if (no.terminal()) {
              return new ProofOutcome.Refused(why);
            }
            refusal = Optional.of(why);
            shown = -1;
            l.refused(why);
          }
        }
        sleeper.sleep(POLL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ProofOutcome.Stopped();
  }
}
