package dev.hermesharden.tui;

import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Prover;
import dev.hermesharden.steps.StepDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The [Prove login] button: on the practice VPS the {@link Prover} logs in by itself and the proof
 * goes into the session; on a real server the admin must log in from a second terminal, so the
 * screen only tells how (the confirm command is a later issue).
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
