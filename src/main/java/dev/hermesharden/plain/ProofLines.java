package dev.hermesharden.plain;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.engine.ApplyListener;
import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.engine.Missing;
import dev.hermesharden.engine.ProofOutcome;
import dev.hermesharden.engine.RevertState;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * What the line-oriented front ends (the CLI's {@code apply}, {@code prove}, the answers replay and
 * the line-mode wizard) print while the engine applies and waits for proofs: one thing per line, in
 * words. The proof asked for shows the command and, on a line of its own, the token to paste; a
 * revert window counts down every ten seconds.
 */
public class ProofLines implements ApplyListener {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

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

  /** A time of day as the lines show it ("14:03:10 UTC"). */
  public static String time(Instant at) {
    return TIME.format(at);
  }

  @Override
  public void armed(ArmedRevert r) {
    out.println(m.get("revert.armed", r.id(), time(r.deadline()), r.script()));
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
      out.println(m.get("cli.prove.waiting", time(ask.expires())));
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

  /** Why the guard refuses: each missing proof and how to get it. */
  public void refusal(List<Missing> missing) {
    out.println("  " + m.get("cli.guard.refused"));
    for (Missing x : missing) {
      out.println("  - " + w.reason(x.why()));
      out.println("    " + w.reason(x.how()));
    }
    out.flush();
  }

  /** What became of an apply that did not simply go through; nothing for {@code Done}. */
  public void outcome(StepOutcome o) {
    if (o instanceof StepOutcome.Refused r) {
      refusal(r.missing());
    } else if (o instanceof StepOutcome.Failed f) {
      out.println(m.get("cli.apply.failed", w.reason(f.why())));
      if (f.rolledBack()) {
        out.println(m.get("cli.apply.rolled-back"));
      }
      if (f.revert().filter(st -> st == RevertState.FIRED).isPresent()) {
        out.println(m.get("cli.revert.fired-now"));
      }
    } else if (o instanceof StepOutcome.Unproven u) {
      unproven(u);
    } else if (o instanceof StepOutcome.PlanChanged c) {
      out.println(m.get("lines.plan.changed"));
      plan(c.fresh(), false);
    }
    out.flush();
  }

  /** Why a proof of {@code kind} did not come; nothing for a proven one. */
  public void notProven(EvidenceKind kind, ProofOutcome end) {
    if (end instanceof ProofOutcome.NotAsked n) {
      out.println(m.get("cli.prove.failed", w.reason(n.why())));
    } else if (end instanceof ProofOutcome.Refused r) {
      out.println(m.get("cli.prove.failed", w.reason(r.why())));
    } else if (end instanceof ProofOutcome.Stopped) {
      out.println(m.get("lines.proof.stopped", w.kind(kind)));
    } else if (end instanceof ProofOutcome.TimedOut t) {
      out.println(m.get("lines.proof.timeout", w.kind(kind), time(t.deadline())));
    }
    out.flush();
  }

  private void unproven(StepOutcome.Unproven u) {
    if (!(u.end() instanceof ProofOutcome.TimedOut && u.revert().isPresent())) {
      notProven(u.kind(), u.end());
    }
    u.revert()
        .ifPresent(
            r ->
                out.println(
                    r.state() == RevertState.FIRED
                        ? m.get("revert.fired")
                        : m.get("revert.timeout", time(r.deadline()))));
  }
}
