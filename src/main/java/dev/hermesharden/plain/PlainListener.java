package dev.hermesharden.plain;

import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.engine.StepPlan;
import dev.hermesharden.model.PendingProof;
import dev.hermesharden.words.Words;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The line mode's side of the engine's apply flow: prints the proof asked for and the countdown
 * ({@link ProofLines}); a proof the practice workstation makes starts when the admin presses Enter;
 * a part planned again after earlier parts is shown and asked about; Ctrl-C while waiting for a
 * real proof stops the wait.
 */
final class PlainListener extends ProofLines {
  private final Prompt prompt;
  private final AtomicBoolean stop = new AtomicBoolean();
  private boolean asked;

  PlainListener(Words w, PrintWriter out, Prompt prompt, int width) {
    super(w, out, width);
    this.prompt = prompt;
  }

  @Override
  public void asked(PendingProof ask, Optional<ArmedRevert> revert) {
    super.asked(ask, revert);
    asked = ask.direct(); // the wizard's own login starts without a question
  }

  @Override
  public boolean ready() {
    if (!asked) {
      asked = true;
      String answer = prompt.text(m.get("plain.practice.run") + " ");
      if (answer.strip().equalsIgnoreCase("s")) {
        stop.set(true);
        return false;
      }
    }
    return !stop.get();
  }

  @Override
  public boolean stopped() {
    return stop.get();
  }

  /** Ctrl-C while a real proof is waited for. */
  void interrupt() {
    stop.set(true);
  }

  @Override
  public boolean acceptChanged(StepPlan fresh) {
    say(m.get("lines.plan.changed"));
    plan(fresh, false);
    List<String> options = List.of(m.get("plain.confirm.apply"), m.get("plain.confirm.later"));
    return prompt.choose(m.get("plain.changed.ask"), options, fresh.guarded() ? 1 : 0, () -> {})
        == 0;
  }
}
