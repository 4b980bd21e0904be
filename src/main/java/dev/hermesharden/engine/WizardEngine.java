package dev.hermesharden.engine;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.fixes.Fix;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The wizard below any UI; the CLI and the TUI only call this. Every rule is enforced here, not in
 * a front end: a locked step cannot be checked, applied or skipped ({@link
 * IllegalTransitionException}); a fix whose required evidence is not fresh is refused by the {@link
 * Guard} before its plan is even made; every transition is saved to the {@link Journal} at once;
 * every command run is appended to the session log. A resumed session trusts nothing it saved: the
 * live checks of the steps it had reached are run again, in order.
 *
 * <p>Caveat: one engine per host and state file; methods are synchronized, long-running ones
 * (checks, applies) should be called off any UI thread.
 */
public final class WizardEngine {
  private final RecordingHost host;
  private final List<StepDefinition> steps;
  private final Catalog catalog;
  private final Journal journal;
  private final Clock clock;
  private final Guard guard;
  private final Optional<String> clientAddress;
  private final CheckRunner runner;
  private final PlanExecutor executor;
  private final RevertArmer armer;
  private final String hostStateDir;
  private Duration revertWindow = DEFAULT_REVERT_WINDOW;
  private Session session;

  /** How long a destructive change waits for a fresh proof before the host reverts it. */
  public static final Duration DEFAULT_REVERT_WINDOW = Duration.ofSeconds(120);

  public WizardEngine(
      Host host,
      List<StepDefinition> steps,
      Catalog catalog,
      Journal journal,
      Clock clock,
      String hostStateDir) {
    this(host, steps, catalog, journal, clock, hostStateDir, new Guard(), Optional.empty());
  }

  /**
   * @param clientAddress the admin's address as the server sees it, given to checks and fixes
   */
  public WizardEngine(
      Host host,
      List<StepDefinition> steps,
      Catalog catalog,
      Journal journal,
      Clock clock,
      String hostStateDir,
      Guard guard,
      Optional<String> clientAddress) {
    this.host = new RecordingHost(host, clock);
    this.steps = List.copyOf(steps);
    this.catalog = catalog;
    this.journal = journal;
    this.clock = clock;
    this.guard = guard;
    this.clientAddress = clientAddress;
    this.runner = new CheckRunner(catalog);
    this.executor = new PlanExecutor(this.host, hostStateDir, clock);
    this.armer = new RevertArmer(this.host, hostStateDir, clock);
    this.hostStateDir = hostStateDir;
  }

  /** Sets the confirm-or-revert window for the next destructive applies. */
  public synchronized void setRevertWindow(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("revert window must be positive");
    }
    this.revertWindow = window;
  }

  /**
   * Resumes the saved session of this host (re-running the checks of every step reached, in order,
   * until one does not pass) or starts a new one. Answers given now override saved ones.
   */
  public synchronized ResumeReport startOrResume(Answers answers) {
    JournalLoad loaded = journal.load();
    Optional<Reason> problem = Optional.empty();
    if (loaded instanceof JournalLoad.Corrupt c) {
      problem = Optional.of(c.reason());
    } else if (loaded instanceof JournalLoad.Loaded l) {
      Session saved = l.session();
      if (saved.hostName().equals(host.name()) && saved.practice() == host.simulated()) {
        session = SessionReconciler.reconcile(saved, steps, merge(saved.answers(), answers), now());
        return resume();
      }
      String aside = journal.setAside("other-host").map(String::valueOf).orElse("");
      problem = Optional.of(Reason.of("engine.resume.other-host", saved.hostName(), aside));
    }
    String id = UUID.randomUUID().toString();
    session = WizardFlow.start(steps, answers, id, host.name(), host.simulated(), now());
    save();
    // A lost or corrupt state file forgets its revert jobs; the host still has them.
    return new ResumeReport(false, problem, List.of(), List.of(), RevertWatch.orphans(armer));
  }

  /** Runs the step's live checks now. @throws IllegalTransitionException for a locked step */
  public synchronized StepState check(String stepId) {
    StepDefinition d = definition(stepId);
    WizardFlow.open(session(), stepId);
    runChecks(d);
    recheckChain(session.indexOf(stepId) + 1, new ArrayList<>());
    return state(stepId);
  }

  /** The plans of the step's fixes, to show. Looking needs no guard and changes nothing. */
  public synchronized List<Plan> plan(String stepId) throws HostException {
    StepDefinition d = definition(stepId);
    List<Plan> plans = new ArrayList<>();
    try {
      for (FixRef ref : d.fixes()) {
        plans.add(fix(ref).plan(host, ref.params(), context()));
      }
    } finally {
      save();
    }
    return plans;
  }

  /** Whether the guard would let this fix run now (for the UI); {@link #apply} asks again. */
  public synchronized GuardDecision guard(String stepId, String fixId) {
    GuardDecision d =
        guard.decide(fixRef(stepId, fixId), session().evidence(), adminUser(), host, now());
    save();
    return d;
  }

  /** Plans the fix afresh and applies it; see {@link #apply(String, String, Plan)}. */
  public synchronized ApplyResult apply(String stepId, String fixId) {
    return apply(stepId, fixId, null);
  }

  /**
   * Applies a fix: refuses a locked step, asks the guard (refused → the host is not touched), runs
   * the plan (the one shown, or a fresh one when {@code shown} is null) with backups, then re-runs
   * the step's checks. Saved after every transition.
   */
  public synchronized ApplyResult apply(String stepId, String fixId, Plan shown) {
    StepDefinition d = definition(stepId);
    FixRef ref = fixRef(stepId, fixId);
    WizardFlow.open(session(), stepId);
    GuardDecision g = guard.decide(ref, session.evidence(), adminUser(), host, now());
    if (g instanceof GuardDecision.Refused r) {
      save();
      return new ApplyResult.Refused(r);
    }
    Plan plan = shown;
    if (plan == null) {
      try {
        plan = fix(ref).plan(host, ref.params(), context());
      } catch (HostException | RuntimeException e) {
        save();
        AppliedChange none = new AppliedChange(fixId, List.of(), List.of(), now());
        Reason why = Reason.of("engine.plan-error", fixId, String.valueOf(e.getMessage()));
        return new ApplyResult.Applied(
            new ApplyOutcome(none, false, Optional.of(why)), state(stepId));
      }
    }
    if (!plan.fixId().equals(fixId)) {
      throw new IllegalArgumentException("plan of " + plan.fixId() + " given for " + fixId);
    }
    boolean guarded = ref.destructive() && !ref.requires().isEmpty() && !plan.isEmpty();
    ArmedRevert armed = null;
    if (guarded) {
      try {
        Optional<Missing> m = PlanGuard.check(plan, session.evidence(), adminUser(), host);
        if (m.isPresent()) {
          save();
          return new ApplyResult.Refused(new GuardDecision.Refused(List.of(m.get())));
        }
        armed =
            armer.arm(newRevertId(), stepId, plan, ref.requires(), revertWindow, new ArrayList<>());
      } catch (HostException | RevertException | RuntimeException e) {
        save();
        AppliedChange none = new AppliedChange(fixId, List.of(), List.of(), now());
        Reason why =
            e instanceof RevertException re
                ? Reason.of(re.key(), re.args().toArray())
                : Reason.of(
                    "engine.revert.arm-failed", hostStateDir, String.valueOf(e.getMessage()));
        return new ApplyResult.Applied(
            new ApplyOutcome(none, false, Optional.of(why)), state(stepId));
      }
      session = session.withRevert(armed, now());
      save();
    }
    ApplyOutcome out = executor.execute(plan);
    if (out.change().touchedHost()) {
      session = WizardFlow.applied(session, stepId, out.change(), now());
      save();
    }
    if (armed != null) {
      armed = armed.appliedAt(now());
      RevertState st = RevertState.ARMED;
      if (!out.ok()) {
        st = RevertWatch.afterFailedApply(armer, armed, out);
      }
      session = session.withRevert(armed.withState(st), now());
      if (st == RevertState.FIRED) {
        session = WizardFlow.reverted(session, stepId, now());
      }
      save();
    }
    runChecks(d);
    recheckChain(session.indexOf(stepId) + 1, new ArrayList<>());
    return new ApplyResult.Applied(out, state(stepId));
  }

  /** Skips the step with the admin's reason. @throws IllegalTransitionException blank or locked */
  public synchronized StepState skip(String stepId, SkipKind kind, String text) {
    definition(stepId);
    session = WizardFlow.skipped(session(), stepId, new SkipReason(kind, text), now());
    save();
    recheckChain(session.indexOf(stepId) + 1, new ArrayList<>());
    return state(stepId);
  }

  /** Notes that the step's changes were undone on the host (e.g. by confirm-or-revert). */
  public synchronized StepState reverted(String stepId) {
    session = WizardFlow.reverted(session(), stepId, now());
    save();
    return state(stepId);
  }

  /** Adds a proof (e.g. a key-only login) to the session and saves it. */
  public synchronized void recordEvidence(Evidence e) {
    session = session().withEvidence(e, now());
    save();
    Session after = RevertWatch.disarmFor(session, e, armer, adminUser(), host.simulated(), now());
    if (after != session) {
      session = after;
      save();
    }
  }

  /** Which proof disarms this job now: the private path once proven, else what the fix needs. */
  public synchronized EvidenceKind disarmingProof(ArmedRevert r) {
    return RevertWatch.safePath(r, session().evidence());
  }

  /** The newest revert job of a step, if any (e.g. to tell that a failed apply was reverted). */
  public synchronized Optional<ArmedRevert> lastRevert(String stepId) {
    List<ArmedRevert> of =
        session().reverts().stream().filter(r -> r.stepId().equals(stepId)).toList();
    return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
  }

  /** The revert jobs still armed on the host (the UI shows their countdown). */
  public synchronized List<ArmedRevert> pendingReverts() {
    return session().reverts().stream().filter(r -> r.state() == RevertState.ARMED).toList();
  }

  /**
   * Asks the host what became of every armed revert job (fired, gone, still armed); a fired one
   * marks its step REVERTED. On the practice VPS a due simulated timer fires here.
   */
  public synchronized List<RevertReport> refreshReverts() {
    List<RevertReport> r = refreshRevertsInternal();
    save();
    return r;
  }

  private List<RevertReport> refreshRevertsInternal() {
    RevertWatch.Refreshed r = RevertWatch.refresh(session, armer, host, now());
    session = r.session();
    return r.reports();
  }

  /** Fires an armed revert at once (e.g. the practice proof failed); the step becomes REVERTED. */
  public synchronized RevertState revertNow(String revertId) {
    session = RevertWatch.fireNow(session(), armer, revertId, now());
    save();
    return session.reverts().stream()
        .filter(r -> r.id().equals(revertId))
        .findFirst()
        .orElseThrow()
        .state();
  }

  private String newRevertId() {
    return RevertWatch.newId(now());
  }

  public synchronized Session session() {
    if (session == null) {
      throw new IllegalStateException("startOrResume first");
    }
    return session;
  }

  public synchronized StepContext context() {
    return new StepContext(session().answers(), session.evidence(), clock, clientAddress);
  }

  /**
   * Every step's live checks run now, for a report (step id → results, in step order). Read-only:
   * the session's statuses are not changed (the commands are logged with the next save).
   */
  public synchronized Map<String, List<CheckResult>> liveResults() {
    StepContext ctx = context();
    Map<String, List<CheckResult>> out = new LinkedHashMap<>();
    for (StepDefinition d : steps) {
      out.put(d.id(), runner.run(d.checks(), host, ctx));
    }
    return out;
  }

  /** The host the engine works on, for reading only (a report's host facts and diffs). */
  public Host host() {
    return host;
  }

  private ResumeReport resume() {
    List<RevertReport> reverts = new ArrayList<>(refreshRevertsInternal());
    for (RevertReport orphan : RevertWatch.orphans(armer)) {
      if (session.reverts().stream().noneMatch(r -> r.id().equals(orphan.id()))) {
        reverts.add(orphan);
      }
    }
    Set<String> lockedBefore = lockedIds();
    List<ResumeReport.Recheck> rechecked = new ArrayList<>();
    recheckChain(0, rechecked);
    List<String> relocked = new ArrayList<>(lockedIds());
    relocked.removeAll(lockedBefore);
    save();
    return new ResumeReport(true, Optional.empty(), rechecked, relocked, reverts);
  }

  /**
   * From step {@code from} on, re-runs the checks of every step that was reached before (skipped
   * steps stay skipped), stopping at the first that does not pass or was never checked.
   */
  private void recheckChain(int from, List<ResumeReport.Recheck> report) {
    for (int i = from; i < session.steps().size(); i++) {
      StepState st = session.steps().get(i);
      boolean neverChecked = st.status() == StepStatus.READY && st.lastResults().isEmpty();
      if (st.status() == StepStatus.SKIPPED) {
        continue;
      }
      if (st.status() == StepStatus.LOCKED || neverChecked) {
        return;
      }
      StepState after = runChecks(definition(st.stepId()));
      report.add(
          new ResumeReport.Recheck(st.stepId(), st.status(), after.status(), after.lastResults()));
      if (!after.status().passed()) {
        return;
      }
    }
  }

  private StepState runChecks(StepDefinition d) {
    List<CheckResult> results = runner.run(d.checks(), host, context());
    session = WizardFlow.checked(session, d.id(), results, now());
    save();
    return state(d.id());
  }

  private void save() {
    session = session.withLog(host.drain(), now());
    journal.save(session);
  }

  private Set<String> lockedIds() {
    Set<String> ids = new HashSet<>();
    session.steps().stream()
        .filter(s -> s.status() == StepStatus.LOCKED)
        .forEach(s -> ids.add(s.stepId()));
    return ids;
  }

  private StepState state(String stepId) {
    return session.state(stepId).orElseThrow();
  }

  private String adminUser() {
    return session().answers().adminUser();
  }

  private Instant now() {
    return clock.instant();
  }

  private StepDefinition definition(String stepId) {
    return steps.stream()
        .filter(s -> s.id().equals(stepId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalTransitionException("engine.transition.unknown-step", List.of(stepId)));
  }

  private FixRef fixRef(String stepId, String fixId) {
    return definition(stepId).fixes().stream()
        .filter(f -> f.id().equals(fixId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalTransitionException(
                    "engine.transition.unknown-fix", List.of(stepId, fixId)));
  }

  private Fix fix(FixRef ref) {
    return catalog.fix(ref.id()).orElseThrow(() -> new IllegalStateException("no fix " + ref.id()));
  }

  private static Answers merge(Answers saved, Answers now) {
    TreeMap<String, String> all = new TreeMap<>(saved.values());
    all.putAll(now.values());
    return new Answers(all);
  }
}
