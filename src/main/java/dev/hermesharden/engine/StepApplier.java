package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The guarded apply of one fix: refuse a locked step → the {@link Guard} (refused: the host is not
 * touched) → plan afresh and compare with the plan shown → for a destructive fix that requires a
 * proof, the {@link PlanGuard} and an armed revert job → {@link PlanExecutor} → APPLIED → the
 * step's checks and the re-check chain. Saved after every transition. Callers hold the engine's
 * lock.
 */
final class StepApplier {
  private final SessionStore store;
  private final Steps steps;
  private final Host host;
  private final Guard guard;
  private final PlanExecutor executor;
  private final RevertLedger ledger;
  private final StepChecker checker;
  private final Supplier<StepContext> context;
  private final Clock clock;
  private final boolean practice;
  private final Runnable hostChanged;

  StepApplier(
      SessionStore store,
      Steps steps,
      Host host,
      Guard guard,
      PlanExecutor executor,
      RevertLedger ledger,
      StepChecker checker,
      Supplier<StepContext> context,
      Clock clock,
      boolean practice,
      Runnable hostChanged) {
    this.store = store;
    this.steps = steps;
    this.host = host;
    this.guard = guard;
    this.executor = executor;
    this.ledger = ledger;
    this.checker = checker;
    this.context = context;
    this.clock = clock;
    this.practice = practice;
    this.hostChanged = hostChanged;
  }

  /** Whether the guard would let the fix run now. Reads only. */
  GuardDecision guard(FixRef ref) {
    Session s = store.get();
    return guard.decide(
        ref, s.evidence(), s.answers().adminUser(), practice, host, clock.instant());
  }

  /** The fix's plan now. Reads only. */
  Plan plan(FixRef ref) throws HostException {
    return steps.fix(ref).plan(host, ref.params(), context.get());
  }

  /**
   * Applies {@code shown} (null: a plan made now) under the step's guards.
   *
   * @param window how long a destructive change waits for a new proof before the host reverts it
   */
  FixOutcome apply(StepDefinition d, FixRef ref, Plan shown, Duration window) {
    WizardFlow.open(store.get(), d.id());
    if (guard(ref) instanceof GuardDecision.Refused r) {
      return new FixOutcome.Refused(r.missing());
    }
    Plan plan;
    try {
      Plan fresh = plan(ref);
      if (shown != null && !sameActions(shown, fresh)) {
        return new FixOutcome.PlanChanged(fresh);
      }
      plan = shown != null ? shown : fresh;
    } catch (HostException | RuntimeException e) {
      Reason why = Reason.of("engine.plan-error", ref.id(), String.valueOf(e.getMessage()));
      return new FixOutcome.Failed(why, false, Optional.empty(), state(d));
    }
    if (!plan.fixId().equals(ref.id())) {
      throw new IllegalArgumentException("plan of " + plan.fixId() + " given for " + ref.id());
    }
    if (plan.isEmpty()) {
      return new FixOutcome.Done(ApplyOutcome.nothing(ref.id(), clock.instant()), state(d));
    }
    ArmedRevert armed = null;
    if (ref.destructive() && !ref.requires().isEmpty()) {
      try {
        Session s = store.get();
        List<Evidence> sameKind =
            s.evidence().stream().filter(e -> e.simulated() == practice).toList();
        Optional<Missing> m = PlanGuard.check(plan, sameKind, s.answers().adminUser(), host);
        if (m.isPresent()) {
          return new FixOutcome.Refused(List.of(m.get()));
        }
        armed = ledger.arm(d.id(), plan, ref.requires(), window);
      } catch (HostException | RevertException | RuntimeException e) {
        Reason why =
            e instanceof RevertException re
                ? Reason.of(re.key(), re.args().toArray())
                : Reason.of(
                    "engine.revert.arm-failed",
                    executor.stateDir(),
                    String.valueOf(e.getMessage()));
        return new FixOutcome.Failed(why, false, Optional.empty(), state(d));
      }
    }
    ApplyOutcome out = executor.execute(plan);
    if (out.change().touchedHost()) {
      store.update(s -> WizardFlow.applied(s, d.id(), out.change(), clock.instant()));
      hostChanged.run();
    }
    Optional<RevertState> revert = Optional.empty();
    if (armed != null) {
      armed = ledger.applied(armed, out);
      revert = Optional.of(armed.state());
    }
    checker.run(d);
    checker.chain(store.get().indexOf(d.id()) + 1, steps, new java.util.ArrayList<>());
    if (!out.ok()) {
      return new FixOutcome.Failed(out.failure().get(), out.rolledBack(), revert, state(d));
    }
    if (armed != null && armed.state() == RevertState.ARMED) {
      return new FixOutcome.NeedsProof(ledger.safePath(armed), armed, state(d));
    }
    return new FixOutcome.Done(out, state(d));
  }

  private StepState state(StepDefinition d) {
    return store.get().state(d.id()).orElseThrow();
  }

  /**
   * Whether two plans of a fix run the same commands and write the same files, in order. The
   * contents written are the shown plan's (the executor refuses a file that changed since); a
   * generated value (a new API key) may differ between two plans and is not a change of plan.
   */
  static boolean sameActions(Plan shown, Plan fresh) {
    return shape(shown).equals(shape(fresh));
  }

  private static List<Object> shape(Plan p) {
    return p.actions().stream()
        .map(
            (PlannedAction a) ->
                a instanceof RunCommand c ? (Object) c.argv() : (Object) ((WriteFile) a).path())
        .toList();
  }
}
