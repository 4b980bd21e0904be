package dev.hermesharden.tui;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.engine.ApplyListener;
import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.words.Words;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The wizard's side of the engine's apply flow: when a proof is asked for, a dialog shows the
 * command and the token (and, under an armed revert, what the auto-revert will do and a countdown);
 * Stop ends the wait. A proof the practice workstation makes waits for the admin's "Run it", so
 * practice shows the same command a real server asks for. Called on the worker thread; the dialog
 * lives on the GUI thread.
 */
final class ProofDialog implements ApplyListener {
  private final Dialogs dialogs;
  private final Words w;
  private final Messages m;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicBoolean run = new AtomicBoolean();
  private volatile Dialogs.Waiting open;
  private volatile Optional<ArmedRevert> revert = Optional.empty();
  private volatile Optional<EvidenceKind> disarmedBy = Optional.empty();
  private final String help;

  /**
   * @param help shown for F1 in the dialog
   */
  ProofDialog(Dialogs dialogs, Words w, String help) {
    this.dialogs = dialogs;
    this.w = w;
    this.m = w.messages();
    this.help = help;
  }

  @Override
  public void asked(PendingProof ask, Optional<ArmedRevert> revert) {
    this.revert = revert;
    run.set(false);
    close();
    List<Dialogs.Action> buttons =
        ask.manual() || ask.direct()
            ? List.of(new Dialogs.Action(m.get("tui.prove.local.stop"), () -> stop.set(true)))
            : List.of(
                new Dialogs.Action(m.get("tui.prove.practice.run"), () -> run.set(true)),
                new Dialogs.Action(m.get("tui.prove.local.stop"), () -> stop.set(true)));
    open =
        dialogs.waiting(
            m.get("tui.prove.title"), text(ask, revert), buttons, () -> stop.set(true), help);
  }

  private String text(PendingProof ask, Optional<ArmedRevert> revert) {
    StringBuilder sb = new StringBuilder();
    revert.ifPresent(
        r ->
            sb.append(
                    m.get(
                        "tui.revert.armed",
                        Words.time(r.deadline()),
                        Duration.between(r.armedAt(), r.deadline()).toSeconds()))
                .append("\n\n"));
    String key =
        ask.direct()
            ? "tui.prove.remote.text"
            : ask.manual() ? "tui.prove.local.text" : "tui.prove.practice.text";
    sb.append(
        m.get(
            key,
            ShellQuoting.join(ask.command()),
            ask.user(),
            ask.address(),
            ask.token(),
            Words.time(ask.expires())));
    return sb.toString();
  }

  @Override
  public void waiting(long secondsLeft, Optional<Reason> refusal) {
    Dialogs.Waiting d = open;
    if (d == null) {
      return;
    }
    String line =
        refusal
            .map(r -> m.get("tui.prove.local.refused", w.reason(r), secondsLeft))
            .orElse(m.get("tui.prove.local.waiting", secondsLeft));
    d.status(revert.isPresent() ? m.get("tui.revert.countdown", secondsLeft) + "\n" + line : line);
  }

  @Override
  public void disarmed(ArmedRevert r, EvidenceKind kind) {
    disarmedBy = Optional.of(kind);
  }

  /** The proof that disarmed the last revert job, if one did. */
  Optional<EvidenceKind> disarmedBy() {
    return disarmedBy;
  }

  @Override
  public boolean stopped() {
    return stop.get();
  }

  @Override
  public boolean ready() {
    return run.get();
  }

  /** Closes the dialog, if one is open (any thread). */
  void close() {
    Dialogs.Waiting d = open;
    open = null;
    if (d != null) {
      d.close();
    }
  }
}
