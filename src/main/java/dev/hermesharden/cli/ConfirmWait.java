package dev.hermesharden.cli;

import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.proof.LocalProver;
import dev.hermesharden.proof.PendingProof;
import dev.hermesharden.proof.PollResult;
import dev.hermesharden.proof.ProofException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code prove} on a real server: shows the command with its token, then polls the drop box every
 * 250 ms until the proof arrives, the token expires or Ctrl-C ends the process. A refused confirm
 * (password login, wrong address) is shown and waiting goes on, so the admin can try again.
 */
final class ConfirmWait {
  static final Duration POLL = Duration.ofMillis(250);

  private final LocalProver prover;
  private final Messages m;
  private final PrintWriter out;

  ConfirmWait(LocalProver prover, Messages m, PrintWriter out) {
    this.prover = prover;
    this.m = m;
    this.out = out;
  }

  Optional<Evidence> await(EvidenceKind kind, WizardEngine engine) throws InterruptedException {
    PendingProof p;
    try {
      p = prover.begin(kind, engine.session().answers());
    } catch (ProofException e) {
      out.println(m.get("cli.prove.failed", m.get(e.key(), e.args().toArray())));
      return Optional.empty();
    }
    out.println(m.get("cli.prove.run-this", p.user(), p.address()));
    out.println();
    out.println("  " + ShellQuoting.join(p.command()));
    out.println();
    out.println(m.get("cli.prove.waiting", p.token(), p.expires().toString()));
    out.flush();
    while (true) {
      PollResult r = prover.poll();
      if (r instanceof PollResult.Proven proven) {
        return Optional.of(proven.evidence());
      }
      if (r instanceof PollResult.Rejected no) {
        out.println(m.get("cli.prove.refused", m.get(no.key(), no.args().toArray())));
        out.flush();
        if (no.terminal()) {
          return Optional.empty();
        }
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
