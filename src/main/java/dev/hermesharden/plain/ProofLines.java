package dev.hermesharden.plain;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.engine.ApplyListener;
import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.engine.ProofOutcome;
import dev.hermesharden.engine.StepOutcome;
import dev.hermesharden.engine.StepPlan;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.report.Redactor;
import dev.hermesharden.words.Words;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * What the line-oriented front ends (the CLI's {@code apply}, {@code prove}, the answers replay and
 * the line-mode wizard) print while the engine applies and waits for proofs: one thing per line, in
 * words. The proof asked for shows the command and, on a line of its own, the token to paste; a
 * revert window counts down every ten seconds.
 */
public class ProofLines implements ApplyListener {
  protected final Words w;
  protected final Messages m;
  protected final PrintWriter out;
  private Optional<ArmedRevert> revert = Optional.empty();
  private long lastCountdown = -1;

  public ProofLines(Words w, PrintWriter out) {
    this.w = w;
    this.m = w.messages();
    this.out = out;
  }

  @Override
  public void armed(ArmedRevert r) {
    out.println(m.get("revert.armed", r.id(), Words.time(r.deadline()), r.script()));
    out.flush();
  }

  @Override
  public void asked(PendingProof ask, Optional<ArmedRevert> revert) {
    this.revert = revert;
    this.lastCountdown = -1;
    String command = ShellQuoting.join(ask.command());
    if (ask.manual()) {
      proofTimeout()
          .ifPresent(
              t -> out.println(m.get("cli.answers.wait-proof", ask.kind().id(), t.toSeconds())));
      out.println(m.get("cli.prove.run-this", ask.user(), ask.address()));
    } else {
      out.println(m.get("lines.prove.practice", ask.user(), ask.address()));
    }
    out.println();
    out.println("  " + command);
    out.println();
    if (ask.manual()) {
      out.println(m.get("cli.prove.paste-token"));
      out.println();
    }
    out.println("  " + ask.token());
    out.println();
    if (ask.manual()) {
      out.println(m.get("cli.prove.pipe-token", "echo " + ask.token() + " | " + command));
      out.println(m.get("cli.prove.waiting", Words.time(ask.expires())));
    }
    out.flush();
  }

  @Override
  public void waiting(long secondsLeft, Optional<Reason> refusal) {
    if (revert.isPresent() && (lastCountdown < 0 || lastCountdown - secondsLeft >= 10)) {
      out.println(m.get("revert.countdown", secondsLeft));
      out.flush();
      lastCountdown = secondsLeft;
    }
  }

  @Override
  public void refused(Reason why) {
    out.println(m.get("cli.prove.refused", w.reason(why)));
    out.flush();
  }

  @Override
  public void proven(Evidence e) {
    out.println(
        m.get(
            "cli.prove.recorded",
            e.kind().id(),
            e.user(),
            e.keyFingerprint(),
            e.serverAddress(),
            e.clientAddress()));
    out.flush();
  }

  @Override
  public void disarmed(ArmedRevert r, EvidenceKind kind) {
    out.println(m.get("revert.disarmed", w.kind(kind)));
    out.flush();
  }

  /**
   * The parts of a step's plan: each fix's title (with its id when {@code ids}), whether it runs
   * under auto-revert, and its commands and diffs as they will run (secrets masked).
   */
  public void plan(StepPlan plan, boolean ids) {
    for (StepPlan.Part part : plan.parts()) {
      String title = m.get(part.fix().titleKey());
      out.println(
          ids ? m.get("cli.plan.fix", part.fix().id(), title) : m.get("lines.plan.part", title));
      if (part.fix().destructive() && !part.plan().isEmpty()) {
        out.println("  " + m.get("cli.plan.destructive"));
        if (part.guarded()) {
          out.println("  " + m.get("lines.plan.window", plan.revertWindow().toSeconds()));
        }
      }
      if (part.plan().isEmpty()) {
        out.println("  " + m.get(part.later() ? "lines.plan.later" : "cli.plan.nothing"));
      } else {
        out.print(Redactor.shown(part.plan()));
      }
    }
    if (plan.parts().isEmpty()) {
      out.println("  " + m.get("cli.plan.no-fixes"));
    }
    out.flush();
  }

  /** What became of an apply that did not simply go through; nothing for {@code Done}. */
  public void outcome(StepOutcome o) {
    w.outcome(o).forEach(out::println);
    if (o instanceof StepOutcome.PlanChanged c) {
      out.println(m.get("lines.plan.changed"));
      plan(c.fresh(), false);
    }
    out.flush();
  }

  /** Why a proof of {@code kind} did not come; nothing for a proven one. */
  public void notProven(EvidenceKind kind, ProofOutcome end) {
    w.notProven(kind, end).forEach(out::println);
    out.flush();
  }
}
