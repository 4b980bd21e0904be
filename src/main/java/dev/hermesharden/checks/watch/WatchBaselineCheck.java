package dev.hermesharden.checks.watch;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.util.List;
import java.util.Optional;

/**
 * Kind {@code watch-baseline}: the monitoring baseline has been recorded ({@link
 * WatchBaseline#PATH}, written by the fix {@code watch.baseline}). Passes with the number of
 * differences from now; the monthly {@code review} lists them line by line.
 */
public final class WatchBaselineCheck implements Check<WatchBaselineCheck.Facts> {
  /** How many drift lines the details show (the review shows all). */
  static final int SHOWN = 10;

  /** The recorded baseline, if any, and the same list gathered now. */
  public record Facts(Optional<WatchBaseline> recorded, WatchBaseline now) {}

  @Override
  public Facts gather(Host host, StepContext ctx) throws HostException {
    return new Facts(
        host.readFile(WatchBaseline.PATH).map(WatchBaseline::parse), WatchFacts.gather(host, ctx));
  }

  @Override
  public Verdict evaluate(Facts facts, Params params, StepContext ctx) {
    if (facts.recorded().isEmpty()) {
      return Verdict.fail("reason.watch.no-baseline", WatchBaseline.PATH)
          .with("items", String.valueOf(facts.now().entries().size()));
    }
    List<WatchBaseline.Drift> drift = facts.recorded().get().drift(facts.now());
    Verdict v =
        Verdict.pass("reason.watch.baseline", facts.recorded().get().entries().size(), drift.size())
            .with("file", WatchBaseline.PATH);
    for (int i = 0; i < Math.min(SHOWN, drift.size()); i++) {
      v = v.with("drift " + (i + 1), drift.get(i).line());
    }
    return v;
  }
}
