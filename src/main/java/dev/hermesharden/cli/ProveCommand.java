package dev.hermesharden.cli;

import dev.hermesharden.engine.IllegalTransitionException;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Prover;
import dev.hermesharden.proof.LocalProver;
import dev.hermesharden.steps.StepDefinition;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code prove key-login|private-path}: records a fresh key-only login as evidence. On the practice
 * VPS the login is simulated against the VPS's state; on a real server it prints the ssh command to
 * run from a second terminal ({@code ... hermes-harden confirm}, the token pasted when it asks) and
 * waits for it.
 */
@Command(name = "prove", sortOptions = false)
final class ProveCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Parameters(index = "0", paramLabel = "KIND", descriptionKey = "cli.prove.param.kind")
  String kindId;

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    var m = setup.messages;
    try {
      EvidenceKind kind = kind(setup);
      WizardEngine engine = setup.engine("cli.needs-root.apply");
      new Printer(m, setup.out).reverts(engine.startOrResume(setup.baseAnswers()));
      Prover prover = setup.prover();
      Evidence e;
      if (prover instanceof LocalProver local) {
        Optional<Evidence> waited = new ConfirmWait(local, m, setup.out).await(kind, engine);
        if (waited.isEmpty()) {
          return ExitCode.FINDINGS.code();
        }
        e = waited.get();
      } else {
        Prover.Attempt attempt = prover.attempt(kind, engine.session().answers());
        if (attempt.evidence().isEmpty()) {
          setup.out.println(
              m.get(
                  "cli.prove.failed",
                  m.get(attempt.failureKey(), attempt.failureArgs().toArray())));
          return ExitCode.FINDINGS.code();
        }
        e = attempt.evidence().get();
      }
      engine.recordEvidence(e);
      setup.out.println(
          m.get(
              "cli.prove.recorded",
              kind.id(),
              e.user(),
              e.keyFingerprint(),
              e.serverAddress(),
              e.clientAddress()));
      // The step that asks for this proof can pass now: check it while the proof is fresh.
      for (StepDefinition step : setup.steps()) {
        if (step.produces().contains(kind)) {
          try {
            new Printer(m, setup.out).state(engine.check(step.id()));
          } catch (IllegalTransitionException locked) {
            setup.out.println(m.get(locked.reason()));
          }
        }
      }
      return ExitCode.OK.code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }

  private EvidenceKind kind(Setup setup) throws Refusal {
    String id = kindId.endsWith("-login") ? kindId : kindId + "-login";
    try {
      return EvidenceKind.fromId(id);
    } catch (IllegalArgumentException e) {
      throw new Refusal(ExitCode.USAGE, setup.messages.get("cli.prove.unknown-kind", kindId));
    }
  }
}
