package dev.hermesharden.engine;

import dev.hermesharden.checks.Check;
import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Condition;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.Daemons;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SideBySide;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.AppliesWhen;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.CheckRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a step's live checks through the {@link Catalog}, their results in the step's order: one
 * after another, or side by side when each question is a round trip ({@link Host#overNetwork}; they
 * only read). Exceptions never escape: a host failure or a bug in a check becomes an {@link
 * Status#ERROR} result with reason {@code engine.check-error} (an unknown id: {@code
 * engine.check-unknown}). Within one run identical commands and file reads are asked of the host
 * once (see {@link CachingHost}).
 *
 * <p>An {@link #unprivileged} runner (a non-root audit) turns every check that met a permission
 * problem into {@link Status#SKIPPED} with reason {@code engine.check-needs-root}, whatever the
 * check concluded from the refused answer: this is the one place that knows how "not root" looks.
 */
public final class CheckRunner {
  /** Detail key of an ERROR result caused by the host, holding the {@code HostException.Kind}. */
  public static final String HOST_ERROR = "host-error";

  /** Detail key of a SKIPPED result that needs root, holding the file or command refused. */
  public static final String NEEDS_ROOT = "needs-root";

  /** Reason key of a check skipped for lack of root. */
  public static final String NEEDS_ROOT_REASON = "engine.check-needs-root";

  private final Catalog catalog;
  private final boolean unprivileged;

  public CheckRunner(Catalog catalog) {
    this(catalog, false);
  }

  private CheckRunner(Catalog catalog, boolean unprivileged) {
    this.catalog = catalog;
    this.unprivileged = unprivileged;
  }

  /** A runner for a caller without root: permission problems become SKIPPED, not ERROR. */
  public static CheckRunner unprivileged(Catalog catalog) {
    return new CheckRunner(catalog, true);
  }

  /** A sensible pool size: at most four, never more than the machine's cores. */
  public static int defaultParallelism() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * The pool size for a host reached over the network: four, whatever this machine's cores, since
   * the threads wait for the server's answers rather than compute (the SSH connection carries up to
   * eight sessions at once).
   */
  public static int remoteParallelism() {
    return 4;
  }

  public List<CheckResult> run(List<CheckRef> checks, Host host, StepContext ctx) {
    Host shared = new CachingHost(host);
    // each check only reads, so over SSH a step's checks are asked side by side: each waits for
    // its round trips (the watch step's eleven took ~7 s one after another), and the answers keep
    // the step's order; a condition is remembered for the run (asked twice at worst)
    Map<String, Boolean> conditions = new ConcurrentHashMap<>();
    try {
      return List.copyOf(SideBySide.map(host, checks, ref -> runOne(ref, shared, ctx, conditions)));
    } catch (HostException e) {
      throw new IllegalStateException("a check's run threw past its own handling", e);
    }
  }

  /**
   * Runs several independent groups (one per step) on up to {@code threads} threads. Each group
   * runs as {@link #run} runs it (its checks side by side, their answers in its order); the answer
   * keeps the groups' order. The host must accept calls from several threads ({@code LocalHost} and
   * the practice VPS do).
   */
  public List<List<CheckResult>> runAll(
      List<List<CheckRef>> groups, Host host, StepContext ctx, int threads) {
    int n = Math.min(threads, groups.size());
    if (n <= 1) {
      return groups.stream().map(g -> run(g, host, ctx)).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(n, Daemons.named("checks"));
    try {
      // one answer per question across all steps of this run: steps ask the same things
      // (docker compose ls, getent passwd hermes, sshd -T) and nothing is written meanwhile
      Host shared = new CachingHost(host);
      List<Callable<List<CheckResult>>> tasks = new ArrayList<>();
      groups.forEach(g -> tasks.add(() -> run(g, shared, ctx)));
      List<List<CheckResult>> out = new ArrayList<>();
      for (Future<List<CheckResult>> f : pool.invokeAll(tasks)) {
        out.add(f.get());
      }
      return List.copyOf(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    } catch (ExecutionException e) {
      // run() catches everything a check throws; only an Error can land here
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private CheckResult runOne(
      CheckRef ref, Host host, StepContext ctx, Map<String, Boolean> conditions) {
    if (!unprivileged) {
      return judge(ref, host, ctx, conditions);
    }
    PermissionWatch watch = new PermissionWatch(host);
    CheckResult r = judge(ref, watch, ctx, conditions);
    return watch
        .denied()
        .map(
            what ->
                new CheckResult(
                    ref.id(),
                    Status.SKIPPED,
                    Reason.of(NEEDS_ROOT_REASON, what),
                    Map.of(NEEDS_ROOT, what)))
        .orElse(r);
  }

  private CheckResult judge(
      CheckRef ref, Host host, StepContext ctx, Map<String, Boolean> conditions) {
    if (catalog.check(ref).isEmpty()) {
      return error(ref.id(), Reason.of("engine.check-unknown", ref.kind()));
    }
    try {
      Verdict v = verdict(catalog, ref, host, ctx, conditions);
      if (v == null) {
        return error(ref.id(), Reason.of("engine.check-error", "no verdict"));
      }
      return CheckResult.of(ref.id(), v);
    } catch (HostException e) {
      return new CheckResult(
          ref.id(),
          Status.ERROR,
          Reason.of("engine.check-error", e.kind() + ": " + oneLine(e.getMessage())),
          Map.of(HOST_ERROR, e.kind().name()));
    } catch (RuntimeException e) {
      return error(ref.id(), Reason.of("engine.check-error", String.valueOf(e)));
    }
  }

  /**
   * One check's verdict as the wizard reaches it, exceptions and all: first its {@code
   * applies_when} condition (a condition that does not hold is {@code NOT_APPLICABLE} with the step
   * file's reason), then its kind's gather and evaluate with the step file's parameters. For
   * callers that judge a single check (tests, tools); {@link #run} adds the error handling.
   */
  public static Verdict verdict(Catalog catalog, CheckRef ref, Host host, StepContext ctx)
      throws HostException {
    return verdict(catalog, ref, host, ctx, new HashMap<>());
  }

  /** As above; {@code conditions} remembers each condition's answer within one run. */
  private static Verdict verdict(
      Catalog catalog, CheckRef ref, Host host, StepContext ctx, Map<String, Boolean> conditions)
      throws HostException {
    Check<?> check =
        catalog
            .check(ref)
            .orElseThrow(() -> new IllegalArgumentException("no check kind " + ref.kind()));
    if (ref.appliesWhen().isPresent()) {
      AppliesWhen when = ref.appliesWhen().get();
      Boolean holds = conditions.get(when.condition());
      if (holds == null) {
        Condition condition =
            catalog
                .condition(when.condition())
                .orElseThrow(
                    () -> new IllegalArgumentException("no condition " + when.condition()));
        holds = condition.holds(host, ctx);
        conditions.put(when.condition(), holds);
      }
      if (!holds) {
        return Verdict.notApplicable(when.reasonKey());
      }
    }
    return check.run(host, ref.params(), ctx);
  }

  /** A host's message often ends in the command's stderr: keep a table row one line. */
  private static String oneLine(String message) {
    return String.valueOf(message).strip().replaceAll("\\s*\\n\\s*", " / ");
  }

  private static CheckResult error(String id, Reason reason) {
    return new CheckResult(id, Status.ERROR, reason, Map.of());
  }
}
