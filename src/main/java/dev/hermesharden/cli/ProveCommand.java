package dev.hermesharden.cli;

import dev.hermesharden.engine.IllegalTransitionException;
import dev.hermesharden.engine.ProofOutcome;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.steps.StepDefinition;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code prove key-login|private-path}: records a fresh key-only login as evidence, through the
 * engine's one proof wait. On a real server it prints the ssh command to run from a second terminal
 * ({@code ... hermes-harden confirm}, the token pasted when it asks) and waits for it; on the
 * practice VPS the practice workstation runs it at once.
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
      Printer p = new Printer(m, setup.out, setup.words());
      p.reverts(engine.startOrResume(setup.baseAnswers()));
      CliLines lines = new CliLines(setup.words(), setup.out, Optional.empty());
      ProofOutcome o = engine.prove(kind, lines);
      if (!(o instanceof ProofOutcome.Proven)) {
        lines.notProven(kind, o);
        return ExitCode.FINDINGS.code();
      }
      // The step that asks for this proof can pass now: check it while the proof is fresh.
      for (StepDefinition step : setup.steps()) {
        if (step.produces().contains(kind)) {
          try {
            p.state(engine.check(step.id()));
          } catch (IllegalTransitionException locked) {
            setup.out.println(setup.words().reason(locked.reason()));
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
