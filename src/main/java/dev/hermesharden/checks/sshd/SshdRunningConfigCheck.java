package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.StepContext;
import java.util.stream.Collectors;

/**
 * {@code sshd.running-config}: the sshd that is running uses the configuration on disk. Two pieces
 * of the daemon's own evidence: what it offers the admin and root on this machine's own address
 * (its answer to {@code none} authentication) against what the files predict for that very
 * connection, and the time it last loaded its files (its PID file, rewritten at every start and
 * reload) against the files' modification times. A difference means a change was written but sshd
 * not reloaded: FAIL "on disk but not in effect — reload".
 */
public final class SshdRunningConfigCheck extends SshdCheck {
  @Override
  public Verdict evaluate(SshdFacts f, Params params, StepContext ctx) {
    if (f.effective().isEmpty()) {
      return unavailable(f);
    }
    if (!f.live().impostors().isEmpty()) {
      SshdLive.Offer o = f.live().impostors().get(0);
      return withLive(Verdict.fail("reason.sshd.live-not-sshd", o.label()), f);
    }
    if (!f.live().others().isEmpty()) {
      return withLive(
          Verdict.fail("reason.sshd.live-other-server", String.join(", ", f.live().others())), f);
    }
    if (!f.live().ownOptions().isEmpty()) {
      return withLive(
          Verdict.fail("reason.sshd.live-own-options", String.join("; ", f.live().ownOptions())),
          f);
    }
    if (!f.live().answered()) {
      return withLive(Verdict.fail("reason.sshd.live-unreachable", f.live().summary()), f);
    }
    var drifted = f.live().drifted();
    if (!drifted.isEmpty()) {
      SshdLive.Offer o = drifted.get(0);
      return withLive(
          Verdict.fail(
                  "reason.sshd.live-drift", o.label(), String.join(",", o.expected().orElseThrow()))
              .with(
                  "expected",
                  drifted.stream()
                      .map(d -> d.user() + ": " + String.join(",", d.expected().orElseThrow()))
                      .collect(Collectors.joining("; "))),
          f);
    }
    if (!f.live().changedSince().isEmpty()) {
      return withLive(
          Verdict.fail(
              "reason.sshd.not-in-effect", String.join(", ", f.live().changedSince()), loaded(f)),
          f);
    }
    return withLive(
        f.live().loadedAt().isPresent()
            ? Verdict.pass("reason.sshd.running-matches", loaded(f))
            : Verdict.pass("reason.sshd.running-matches-offers"),
        f);
  }
}
