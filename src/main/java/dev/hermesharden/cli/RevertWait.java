package dev.hermesharden.cli;

import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.engine.RevertState;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Prover;
import dev.hermesharden.proof.LocalProver;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * After a destructive fix was applied under confirm-or-revert: asks for a NEW proof over the safe
 * path before the host's revert job fires. On the practice VPS the proof is simulated at once (a
 * failed one reverts at once, simulated); on a real server it prints the command with a token and
 * waits until the window closes. Only the engine disarms, and only for a fresh proof.
 */
final class RevertWait {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Setup setup;
  private final WizardEngine engine;

  RevertWait(Setup setup, WizardEngine engine) {
    this.setup = setup;
    this.engine = engine;
  }

  /**
   * @return true when nothing is pending for the step or the proof disarmed it
   */
  boolean confirm(String stepId) throws InterruptedException {
    var m = setup.messages;
    for (ArmedRevert r : engine.pendingReverts()) {
      if (!r.stepId().equals(stepId)) {
        continue;
      }
      EvidenceKind kind = engine.disarmingProof(r);
      setup.out.println(m.get("revert.armed", r.id(), TIME.format(r.deadline()), r.script()));
      Prover prover = setup.prover();
      Optional<Evidence> e;
      if (prover instanceof LocalProver local) {
        e = new ConfirmWait(local, m, setup.out).await(kind, engine, Optional.of(r.deadline()));
      } else {
        Prover.Attempt a = prover.attempt(kind, engine.session().answers());
        e = a.evidence();
        if (e.isEmpty()) {
          setup.out.println(
              m.get("cli.prove.failed", m.get(a.failureKey(), a.failureArgs().toArray())));
        }
      }
      e.ifPresent(engine::recordEvidence);
      RevertState st = state(r.id());
      if (st == RevertState.DISARMED) {
        setup.out.println(m.get("revert.disarmed", kind.id()));
        continue;
      }
      if (st == RevertState.ARMED && !(prover instanceof LocalProver)) {
        st = engine.revertNow(r.id()); // practice: nobody can prove later, revert now
      }
      setup.out.println(
          m.get(
              st == RevertState.FIRED ? "revert.fired" : "revert.timeout",
              TIME.format(r.deadline())));
      setup.out.flush();
      return false;
    }
    return true;
  }

  private RevertState state(String id) {
    return engine.session().reverts().stream()
        .filter(x -> x.id().equals(id))
        .map(ArmedRevert::state)
        .findFirst()
        .orElse(RevertState.ARMED);
  }
}
