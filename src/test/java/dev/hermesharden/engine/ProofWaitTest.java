package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.testing.MovableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one proof wait: polls, counts down, keeps waiting after a mendable refusal, stops. */
class ProofWaitTest {
  private final MovableClock clock = MovableClock.at2026();
  private final ProofWait wait = new ProofWait(clock, clock::advance);
  private final List<Long> ticks = new ArrayList<>();
  private final List<String> refusals = new ArrayList<>();

  private ProofWait.Listener counting() {
    return new ProofWait.Listener() {
      @Override
      public void waiting(long secondsLeft, Optional<Reason> refusal) {
        ticks.add(secondsLeft);
      }

      @Override
      public void refused(Reason why) {
        refusals.add(why.key());
      }
    };
  }

  private Instant in(int seconds) {
    return clock.instant().plusSeconds(seconds);
  }

  @Test
  void aMendableRefusalIsToldAndWaitingGoesOnUntilTheProof() {
    ScriptedProofs p = new ScriptedProofs(clock, true, "pending", "retry", "pending", "proven");
    ProofOutcome o = wait.await(p.begin(EvidenceKind.KEY_LOGIN, Answers.EMPTY), in(60), counting());
    assertEquals("admin", assertInstanceOf(ProofOutcome.Proven.class, o).evidence().user());
    assertEquals(List.of("proof.local.stale"), refusals);
    assertEquals(List.of(60L, 60L), ticks, "a tick when the seconds change, and after a refusal");
  }

  @Test
  void aFinalRefusalEndsTheWait() {
    ScriptedProofs p = new ScriptedProofs(clock, true, "pending", "end");
    ProofOutcome o = wait.await(p.begin(EvidenceKind.KEY_LOGIN, Answers.EMPTY), in(60), counting());
    assertEquals("proof.local.used", assertInstanceOf(ProofOutcome.Refused.class, o).why().key());
  }

  @Test
  void theDeadlineEndsTheWaitAndTheCountdownReachesOne() {
    ScriptedProofs p = new ScriptedProofs(clock, true);
    Instant deadline = in(3);
    ProofOutcome o =
        wait.await(p.begin(EvidenceKind.KEY_LOGIN, Answers.EMPTY), deadline, counting());
    assertEquals(deadline, assertInstanceOf(ProofOutcome.TimedOut.class, o).deadline());
    assertEquals(List.of(3L, 2L, 1L), ticks);
  }

  @Test
  void stoppingEndsTheWait() {
    AtomicInteger polls = new AtomicInteger();
    ProofWait.Listener stopAfterTwo =
        new ProofWait.Listener() {
          @Override
          public boolean stopped() {
            return polls.incrementAndGet() > 2;
          }
        };
    ScriptedProofs p = new ScriptedProofs(clock, true);
    ProofOutcome o =
        wait.await(p.begin(EvidenceKind.KEY_LOGIN, Answers.EMPTY), in(60), stopAfterTwo);
    assertInstanceOf(ProofOutcome.Stopped.class, o);
  }

  @Test
  void aProofTheChannelMakesItselfWaitsUntilTheAdminSaysGo() {
    ScriptedProofs p = new ScriptedProofs(clock, false, "proven");
    AtomicInteger asked = new AtomicInteger();
    ProofWait.Listener goOnTheFifth =
        new ProofWait.Listener() {
          @Override
          public boolean ready() {
            return asked.incrementAndGet() >= 5;
          }
        };
    ProofOutcome o =
        wait.await(p.begin(EvidenceKind.KEY_LOGIN, Answers.EMPTY), in(60), goOnTheFifth);
    assertInstanceOf(ProofOutcome.Proven.class, o);
    assertEquals(5, asked.get());
    assertTrue(p.script.isEmpty(), "polled once, when ready");
  }
}
