package dev.hermesharden.cli;

import dev.hermesharden.engine.Missing;
import dev.hermesharden.engine.StepPlan;
import dev.hermesharden.plain.ProofLines;
import dev.hermesharden.words.Words;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The lines of an unattended apply ({@code apply --yes}, {@code apply --answers}): a part planned
 * again after earlier parts is printed and applied (the admin said yes to the step), and for a
 * replay a missing proof is asked for at once and waited for up to the proof timeout.
 */
final class CliLines extends ProofLines {
  private final Optional<Duration> proofTimeout;

  /**
   * @param proofTimeout for a replay: prove missing proofs now and wait this long for each
   */
  CliLines(Words w, PrintWriter out, Optional<Duration> proofTimeout) {
    super(w, out);
    this.proofTimeout = proofTimeout;
  }

  @Override
  public boolean acceptChanged(StepPlan fresh) {
    out.println(m.get("lines.plan.changed"));
    plan(fresh, true);
    return true;
  }

  @Override
  public boolean proveMissing(List<Missing> missing) {
    return proofTimeout.isPresent();
  }

  @Override
  public Optional<Duration> proofTimeout() {
    return proofTimeout;
  }
}
