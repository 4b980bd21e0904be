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
import dev.hermesharden.words.Wrap;
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
  private final int width;
  private Optional<ArmedRevert> revert = Optional.empty();
  private long lastCountdown = -1;

  /** Lines as long as they come (the command line: scripts read them). */
  public ProofLines(Words w, PrintWriter out) {
    this(w, out, 0);
  }

  /**
   * @param width sentences are wrapped to this many columns (0: never); commands, tokens and diffs
   *     never are
   */
  public ProofLines(Words w, PrintWriter out, int width) {
    this.w = w;
    this.m = w.messages();
    this.out = out;
    this.width = width;
  }

  /** A sentence, wrapped to the width. */
  protected void say(String text) {
    if (width <= 0) {
      out.println(text);
    } else {
      Wrap.lines(text, width, "").forEach(out::println);
    }
  }

  @Override
  public void armed(ArmedRevert r) {
    say(m.get("revert.armed", r.id(), Words.time(r.deadline()), r.script()));
    out.flush();
  }

  @Override
  public void asked(PendingProof ask, Optional<ArmedRevert> revert) {
    this.revert = revert;
    this.lastCountdown = -1;
    String command = ShellQuoting.join(ask.command());
    if (ask.direct()) {
      say(m.get("lines.prove.remote", ask.user(), ask.address()));
      out.println();
      out.println("  " + command);
      out.println();
      out.flush();
      return;
    }
    if (ask.manual()) {
      proofTimeout()
          .ifPresent(t -> say(m.get("cli.answers.wait-proof", ask.kind().id(), t.toSeconds())));
      say(m.get("cli.prove.run-this", ask.user(), ask.address()));
    } else {
      say(m.get("lines.prove.practice", ask.user(), ask.address()));
    }
    out.println();
    out.println("  " + command);
    out.println();
    if (ask.manual()) {
      say(m.get("cli.prove.paste-token"));
      out.println();
    }
    out.println("  " + ask.token());
    out.println();
    if (ask.manual()) {
      say(m.get("cli.prove.pipe-token", "echo " + ask.token() + " | " + command));
      say(m.get("cli.prove.waiting", Words.time(ask.expires())));
    }
    out.flush();
  }

  @Override
  public void waiting(long secondsLeft, Optional<Reason> refusal) {
    if (revert.isPresent() && (lastCountdown < 0 || lastCountdown - secondsLeft >= 10)) {
      say(m.get("revert.countdown", secondsLeft));
      out.flush();
      lastCountdown = secondsLeft;
    }
  }

  @Override
  public void refused(Reason why) {
    say(m.get("cli.prove.refused", w.reason(why)));
    out.flush();
  }

  @Override
  public void proven(Evidence e) {
    say(
        m.get(
            "cli.prove.recorded",
            w.kind(e.kind()),
            e.user(),
            e.keyFingerprint(),
            e.serverAddress(),
            e.clientAddress()));
    out.flush();
  }

  @Override
  public void disarmed(ArmedRevert r, EvidenceKind kind) {
    say(m.get("revert.disarmed", w.kind(kind)));
    out.flush();
  }

  /**
   * The parts of a step's plan: each fix's title (with its id when {@code ids}), whether it runs
   * under auto-revert, and its commands and diffs as they will run (secrets masked).
   */
  public void plan(StepPlan plan, boolean ids) {
    for (StepPlan.Part part : plan.parts()) {
      String title = m.get(part.fix().titleKey());
      say(ids ? m.get("cli.plan.fix", part.fix().id(), title) : m.get("lines.plan.part", title));
      if (part.fix().destructive() && !part.plan().isEmpty()) {
        say("  " + m.get("cli.plan.destructive"));
        if (part.guarded()) {
          say("  " + m.get("lines.plan.window", plan.revertWindow().toSeconds()));
        }
      }
      if (part.plan().isEmpty()) {
        say("  " + m.get(part.later() ? "lines.plan.later" : "cli.plan.nothing"));
      } else {
        out.print(Redactor.shown(part.plan()));
        for (Redactor.HiddenValue h : Redactor.hiddenValues(part.plan())) {
          say("  " + m.get("plan.secret-written", h.key(), h.path()));
        }
      }
    }
    if (plan.parts().isEmpty()) {
      say("  " + m.get("cli.plan.no-fixes"));
    }
    out.flush();
  }

  /** What became of an apply that did not simply go through; nothing for {@code Done}. */
  public void outcome(StepOutcome o) {
    w.outcome(o).forEach(this::say);
    if (o instanceof StepOutcome.PlanChanged c) {
      say(m.get("lines.plan.changed"));
      plan(c.fresh(), false);
    }
    out.flush();
  }

  /** Why a proof of {@code kind} did not come; nothing for a proven one. */
  public void notProven(EvidenceKind kind, ProofOutcome end) {
    w.notProven(kind, end).forEach(this::say);
    out.flush();
  }
}
