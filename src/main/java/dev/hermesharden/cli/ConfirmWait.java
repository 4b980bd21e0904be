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
import java.time.Instant;
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

  /**
   * The command, then the token on a line of its own (to paste when {@code confirm} asks), then how
   * a script pipes it in. The token is never part of the command: other accounts can read command
   * lines.
   */
  static void show(Messages m, PrintWriter out, PendingProof p) {
    String command = ShellQuoting.join(p.command());
    out.println(m.get("cli.prove.run-this", p.user(), p.address()));
    out.println();
    out.println("  " + command);
    out.println();
    out.println(m.get("cli.prove.paste-token"));
    out.println();
    out.println("  " + p.token());
    out.println();
    out.println(m.get("cli.prove.pipe-token", "echo " + p.token() + " | " + command));
  }

  Optional<Evidence> await(EvidenceKind kind, WizardEngine engine) throws InterruptedException {
    return await(kind, engine, Optional.empty());
  }

  /** The same, giving up at {@code deadline} (a revert window): a countdown line every 10 s. */
  Optional<Evidence> await(EvidenceKind kind, WizardEngine engine, Optional<Instant> deadline)
      throws InterruptedException {
    PendingProof p;
    try {
      p = prover.begin(kind, engine.session().answers());
    } catch (ProofException e) {
      out.println(m.get("cli.prove.failed", m.get(e.key(), e.args().toArray())));
      return Optional.empty();
    }
    show(m, out, p);
    out.println(m.get("cli.prove.waiting", p.expires().toString()));
    out.flush();
    long lastShown = -1;
    while (true) {
      if (deadline.isPresent()) {
        long left = Duration.between(Instant.now(), deadline.get()).toSeconds();
        if (left <= 0) {
          return Optional.empty();
        }
        if (lastShown < 0 || lastShown - left >= 10) {
          out.println(m.get("revert.countdown", left));
          out.flush();
          lastShown = left;
        }
      }
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
