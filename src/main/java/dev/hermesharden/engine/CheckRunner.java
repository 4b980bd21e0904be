package dev.hermesharden.engine;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a step's live checks through the {@link Catalog}, in order, one after another. Exceptions
 * never escape: a host failure or a bug in a check becomes an {@link Status#ERROR} result with
 * reason {@code engine.check-error} (an unknown id: {@code engine.check-unknown}). Within one run
 * identical commands and file reads are asked of the host once (see {@link CachingHost}).
 */
public final class CheckRunner {
  /** Detail key of an ERROR result caused by the host, holding the {@code HostException.Kind}. */
  public static final String HOST_ERROR = "host-error";

  private final Catalog catalog;

  public CheckRunner(Catalog catalog) {
    this.catalog = catalog;
  }

  public List<CheckResult> run(List<CheckRef> checks, Host host, StepContext ctx) {
    Host shared = new CachingHost(host);
    List<CheckResult> out = new ArrayList<>();
    for (CheckRef ref : checks) {
      out.add(runOne(ref, shared, ctx));
    }
    return List.copyOf(out);
  }

  private CheckResult runOne(CheckRef ref, Host host, StepContext ctx) {
    Optional<Check<?>> check = catalog.check(ref.id());
    if (check.isEmpty()) {
      return error(ref.id(), Reason.of("engine.check-unknown", ref.id()));
    }
    try {
      Verdict v = check.get().run(host, ref.params(), ctx);
      if (v == null) {
        return error(ref.id(), Reason.of("engine.check-error", "no verdict"));
      }
      return CheckResult.of(ref.id(), v);
    } catch (HostException e) {
      return new CheckResult(
          ref.id(),
          Status.ERROR,
          Reason.of("engine.check-error", e.kind() + ": " + e.getMessage()),
          Map.of(HOST_ERROR, e.kind().name()));
    } catch (RuntimeException e) {
      return error(ref.id(), Reason.of("engine.check-error", String.valueOf(e)));
    }
  }

  private static CheckResult error(String id, Reason reason) {
    return new CheckResult(id, Status.ERROR, reason, Map.of());
  }
}
