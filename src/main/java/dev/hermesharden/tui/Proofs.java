package dev.hermesharden.tui;

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
 * hermes-harden confirm TOKEN}, while the worker polls the drop box through the {@link
 * LocalProver}.
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
    LocalProver local = local().orElseThrow();
    String refusal = null;
    long shown = -1;
    while (!stopped.getAsBoolean()) {
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
      long left = Math.max(0, Duration.between(Instant.now(), p.expires()).toSeconds());
      if (left != shown) {
        shown = left;
        status.accept(
            refusal == null
                ? m.get("tui.prove.local.waiting", left)
                : m.get("tui.prove.local.refused", refusal, left));
      }
      Thread.sleep(250);
    }
    return Optional.of("");
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
