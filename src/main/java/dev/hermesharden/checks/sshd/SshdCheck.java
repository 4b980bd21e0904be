package dev.hermesharden.checks.sshd;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import java.time.Instant;

/** Base of the sshd checks: they all gather the same {@link SshdFacts}. */
abstract class SshdCheck implements Check<SshdFacts> {
  @Override
  public SshdFacts gather(Host host, StepContext ctx) throws HostException {
    return SshdFactsGatherer.gather(host, ctx);
  }

  /** The verdict when sshd would not print its effective configuration. */
  static Verdict unavailable(SshdFacts f) {
    return Verdict.error("reason.sshd.effective-unavailable", f.testError())
        .with("error", f.testError());
  }

  /**
   * A PASS that rests on the files stands only when the running daemon runs them: started with
   * settings on its command line ({@code sshd -D -o PermitRootLogin=yes}) it is "runs other
   * settings than its files" (a root login worked while PermitRootLogin passed as no), and a file
   * changed after sshd last (re)loaded is "on disk but not in effect — reload". Every verdict shows
   * what the daemon itself answered ({@code live}) and when it loaded its files.
   */
  static Verdict inEffect(Verdict v, SshdFacts f) {
    Verdict out = v;
    Verdict not = null;
    if (v.status() == Status.PASS && !f.live().ownOptions().isEmpty()) {
      not = Verdict.fail("reason.sshd.live-own-options", String.join("; ", f.live().ownOptions()));
    } else if (v.status() == Status.PASS && !f.live().changedSince().isEmpty()) {
      not =
          Verdict.fail(
              "reason.sshd.not-in-effect", String.join(", ", f.live().changedSince()), loaded(f));
    }
    if (not != null) {
      out = not.with("on-disk", v.reason().key());
      for (var d : v.details().entrySet()) {
        out = out.with(d.getKey(), d.getValue());
      }
    }
    return withLive(out, f);
  }

  static Verdict withLive(Verdict v, SshdFacts f) {
    Verdict out = v;
    if (!f.live().offers().isEmpty()) {
      out = out.with("live", f.live().summary());
    }
    if (f.live().loadedAt().isPresent()) {
      out = out.with("sshd-loaded", loaded(f));
    }
    return out;
  }

  static String loaded(SshdFacts f) {
    return f.live().loadedAt().map(s -> Instant.ofEpochSecond(s).toString()).orElse("-");
  }
}
