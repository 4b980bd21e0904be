package dev.hermesharden.tui;

import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Prover;
import dev.hermesharden.proof.LocalProver;
import dev.hermesharden.proof.PendingProof;
import dev.hermesharden.proof.PollResult;
import dev.hermesharden.proof.ProofException;
import dev.hermesharden.steps.StepDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The [Prove login] button: on the practice VPS the {@link Prover} logs in by itself and the proof
 * goes into the session; on a real server the admin logs in from a second terminal and runs {@code
 * hermes-harden confirm} (pasting the token when it asks), while the worker polls the drop box
 * through the {@link LocalProver}.
 */
final class Proofs {
  private final Prover prover;
  private final WizardEngine engine;
  private final Messages m;

  Proofs(Prover prover, WizardEngine engine, Messages m) {
    this.prover = prover;
    this.engine = engine;
    this.m = m;
  }

  boolean automatic() {
    return prover.automatic();
  }

  /** The real-server prover (token + second terminal), when that is what this wizard uses. */
  Optional<LocalProver> local() {
    return prover instanceof LocalProver l ? Optional.of(l) : Optional.empty();
  }

  /** Runs on the worker: a token and command for the step's proof, or why none can be asked for. */
  Object begin(StepDefinition d) {
    try {
      return local()
          .orElseThrow()
          .begin(d.produces().iterator().next(), engine.session().answers());
    } catch (ProofException e) {
      return m.get(e.key(), e.args().toArray());
    }
  }

  /**
   * Runs on the worker: polls every 250 ms until the proof arrives (recorded; returns empty), a
   * refusal ends the wait (its words), or {@code stopped} (an empty text). Refusals that a new
   * confirm can fix are shown on the status line while waiting goes on.
   */
  Optional<String> await(PendingProof p, BooleanSupplier stopped, Consumer<String> status)
      throws InterruptedException {
    return await(p, stopped, status, Optional.empty());
  }

  /**
   * The same under an armed revert: the status line counts down to the revert's deadline, and the
   * wait ends there ({@code revert.timeout}: the host reverts by itself).
   */
  Optional<String> await(
      PendingProof p, BooleanSupplier stopped, Consumer<String> status, Optional<Instant> deadline)
      throws InterruptedException {
    LocalProver local = local().orElseThrow();
    String refusal = null;
    long shown = -1;
    while (!stopped.getAsBoolean()) {
      if (deadline.isPresent() && !Instant.now().isBefore(deadline.get())) {
        engine.refreshReverts();
        return Optional.of(m.get("revert.timeout", deadline.get().toString()));
      }
      PollResult r = local.poll();
      if (r instanceof PollResult.Proven proven) {
        engine.recordEvidence(proven.evidence());
        return Optional.empty();
      }
      if (r instanceof PollResult.Rejected no) {
        String why = m.get(no.key(), no.args().toArray());
        if (no.terminal()) {
          return Optional.of(why);
        }
        refusal = why;
        shown = -1;
      }
      Instant end = deadline.orElse(p.expires());
      long left = Math.max(0, Duration.between(Instant.now(), end).toSeconds());
      if (left != shown) {
        shown = left;
        String line =
            refusal == null
                ? m.get("tui.prove.local.waiting", left)
                : m.get("tui.prove.local.refused", refusal, left);
        status.accept(
            deadline.isPresent() ? m.get("tui.revert.countdown", left) + "\n" + line : line);
      }
      Thread.sleep(250);
    }
    return Optional.of("");
  }

  /**
   * Runs on the worker after an apply armed a revert job: the NEW proof over the safe path. On the
   * practice VPS it is made at once (the words to show; a failed one reverts at once, simulated);
   * on a real server a {@link PendingProof} to wait for under the countdown.
   */
  Object confirmRevert(ArmedRevert r) {
    EvidenceKind kind = engine.disarmingProof(r);
    if (local().isPresent()) {
      try {
        return local().get().begin(kind, engine.session().answers());
      } catch (ProofException e) {
        return m.get(e.key(), e.args().toArray());
      }
    }
    Prover.Attempt a = prover.attempt(kind, engine.session().answers());
    if (a.evidence().isPresent()) {
      engine.recordEvidence(a.evidence().get());
      return m.get("revert.disarmed", kind.id());
    }
    engine.revertNow(r.id());
    return m.get(a.failureKey(), a.failureArgs().toArray()) + "\n" + m.get("tui.revert.fired");
  }

  /** Runs on the worker: tries each proof the step produces; returns why any failed. */
  List<String> perform(StepDefinition d) {
    List<String> failures = new ArrayList<>();
    for (EvidenceKind k : d.produces()) {
      Prover.Attempt a = prover.attempt(k, engine.session().answers());
      if (a.evidence().isPresent()) {
        engine.recordEvidence(a.evidence().get());
      } else {
        failures.add(m.get(a.failureKey(), a.failureArgs().toArray()));
      }
    }
    return failures;
  }

  String instructions(StepDefinition d, Session s) {
    List<String> out = new ArrayList<>();
    for (EvidenceKind k : d.produces()) {
      out.add(m.get("tui.prove.manual." + k.id(), s.answers().adminUser()));
    }
    return String.join("\n\n", out);
  }
}
