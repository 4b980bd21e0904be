package dev.hermesharden.engine;

import dev.hermesharden.checks.CheckResult;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wizard below any UI; every front end (the full-screen wizard, the line mode, the CLI, the
 * answers replay) only calls this. Every rule is enforced here, not in a front end: a locked step
 * cannot be checked, applied or skipped ({@link IllegalTransitionException}); a fix whose required
 * evidence is not fresh is refused by the {@link Guard} before it runs; a destructive change runs
 * only under an armed revert job and stays only when a new proof comes in time ({@link
 * #applyStep}); every transition is saved to the {@link Journal} at once, with the commands run
 * (results only, a new session and check results, may wait for {@link #persist} when the front end
 * asks: {@link #saveResultsLater}). Looking (plans, guards, previews, a live audit) never writes.
 *
 * <p>Made of: {@link SessionStore} (the session, saved), {@link Resumer}, {@link StepChecker},
 * {@link StepApplier} (one fix), {@link RevertLedger} (revert jobs), {@link ApplyFlow} (a whole
 * step with its proofs, {@link ProofWait}). What differs between the practice VPS and a real server
 * comes from the {@link RunMode}.
 *
 * <p>Caveat: one engine per host and state file. Transitions are synchronized; {@link #session()}
 * never waits, so a front end can always draw the last saved state. Call the rest off any UI
 * thread: it talks to the host.
 */
public final class WizardEngine {
  /** How long a destructive change waits for a fresh proof before the host reverts it. */
  public static final Duration DEFAULT_REVERT_WINDOW = Duration.ofSeconds(120);

  private final RunMode mode;
  private final RecordingHost host;
  private final Steps steps;
  private final Clock clock;
  private final SessionStore store;
  private final StepChecker checker;
  private final RevertLedger ledger;
  private final StepApplier applier;
  private final Resumer resumer;
  private final ApplyFlow flow;
  private volatile Duration revertWindow = DEFAULT_REVERT_WINDOW;

  public WizardEngine(RunMode mode, List<StepDefinition> steps, Catalog catalog, Clock clock) {
    this(mode, steps, catalog, clock, new Guard(), new ProofWait(clock));
  }

  public WizardEngine(
      RunMode mode,
      List<StepDefinition> steps,
      Catalog catalog,
      Clock clock,
      Guard guard,
      ProofWait wait) {
    this.mode = mode;
    this.host = new RecordingHost(mode.host(), clock);
    this.steps = new Steps(steps, catalog);
    this.clock = clock;
    this.store = new SessionStore(new Journal(mode.stateDir(), clock), host, clock);
    this.checker = new StepChecker(store, new CheckRunner(catalog), host, this::context, clock);
    RevertArmer armer = new RevertArmer(host, mode.hostStateDir(), clock, mode.reverts());
    this.ledger = new RevertLedger(armer, store, clock, mode.practice(), mode.hostChanged());
    PlanExecutor executor = new PlanExecutor(host, mode.hostStateDir(), clock);
    this.applier =
        new StepApplier(
            store,
            this.steps,
            host,
            guard,
            executor,
            ledger,
            checker,
            this::context,
            clock,
            mode.practice(),
            mode.hostChanged());
    this.resumer =
        new Resumer(store, this.steps, checker, ledger, host.name(), mode.practice(), clock);
    this.flow = new ApplyFlow(this, mode.proofs(), wait);
  }

  /** Sets the confirm-or-revert window for the next destructive applies. */
  public void setRevertWindow(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("revert window must be positive");
    }
    this.revertWindow = window;
  }

  public Duration revertWindow() {
    return revertWindow;
  }

  /**
   * From now on a new session and check results stay in memory until {@link #persist}: the
   * full-screen wizard shows them first and saves right after (the first save makes Jackson's
   * mapper, ~600 classes and a third of a second on a small VPS, which the first frame then need
   * not wait for). Safe because a resume trusts no saved result: it re-runs the checks of every
   * step reached. Answers, applies, revert jobs, evidence and skips are still saved before their
   * call returns, together with any results kept before them.
   */
  public void saveResultsLater() {
    store.saveResultsLater();
  }

  /** Saves the results kept since the last save, if any. @throws JournalException */
  public void persist() {
    store.persist();
  }

  /** Whether results were kept unsaved since the last save. */
  public boolean unsaved() {
    return store.unsaved();
  }

  /** Resumes with the run mode's own answers; see {@link #startOrResume(Answers)}. */
  public ResumeReport startOrResume() {
    return startOrResume(mode.baseAnswers());
  }

  /**
   * Resumes the saved session of this host (re-running the checks of every step reached, in order,
   * until one does not pass) or starts a new one. Answers given now override saved ones.
   */
  public synchronized ResumeReport startOrResume(Answers answers) {
    return resumer.startOrResume(answers);
  }

  /** Runs the step's live checks now. @throws IllegalTransitionException for a locked step */
  public synchronized StepState check(String stepId) {
    return checker.check(steps.definition(stepId), steps);
  }

  /** The plans of the step's fixes, to show. Looking needs no guard and changes nothing. */
  public synchronized List<Plan> plan(String stepId) throws HostException {
    List<Plan> plans = new ArrayList<>();
    for (FixRef ref : steps.definition(stepId).fixes()) {
      plans.add(applier.plan(ref));
    }
    return plans;
  }

  /** Whether the guard would let this fix run now (for the UI); an apply asks again. */
  public synchronized GuardDecision guard(String stepId, String fixId) {
    return applier.guard(steps.fixRef(stepId, fixId));
  }

  /** What the step would change now, part by part, with each part's guard. Changes nothing. */
  public StepPlan preview(String stepId) throws HostException {
    return preview(stepId, ApplyFlow.ids(steps.definition(stepId).fixes()));
  }

  /** The same for some of the step's fixes only (e.g. {@code apply --fix}). */
  public synchronized StepPlan preview(String stepId, List<String> fixIds) throws HostException {
    List<StepPlan.Part> parts = new ArrayList<>();
    boolean changesBefore = false;
    for (FixRef ref : steps.definition(stepId).fixes()) {
      if (!fixIds.contains(ref.id())) {
        continue;
      }
      Plan p = applier.plan(ref);
      GuardDecision g = p.isEmpty() ? new GuardDecision.Allowed() : applier.guard(ref);
      parts.add(new StepPlan.Part(ref, p, g, p.isEmpty() && changesBefore));
      changesBefore |= !p.isEmpty();
    }
    return new StepPlan(stepId, parts, revertWindow);
  }

  /**
   * Applies a step as {@code shown}, part by part, with every guard, revert job and proof it needs
   * (see {@link ApplyFlow}). Waits for proofs: call it off any UI thread.
   */
  public StepOutcome applyStep(StepPlan shown, ApplyListener listener) {
    return flow.apply(shown, listener);
  }

  /** Proves every kind the step produces (its check is a login), then checks it. */
  public StepOutcome proveStep(String stepId, ApplyListener listener) {
    return flow.proveStep(stepId, listener);
  }

  /** Asks for one fresh proof, waits for it and records it. */
  public ProofOutcome prove(EvidenceKind kind, ApplyListener listener) {
    return flow.prove(kind, Optional.empty(), listener);
  }

  /** Plans the fix afresh and applies it; see {@link #applyFix(String, String, Plan)}. */
  public FixOutcome applyFix(String stepId, String fixId) {
    return applyFix(stepId, fixId, null);
  }

  /**
   * Applies one fix under its guards (the plan shown, or a fresh one when {@code shown} is null),
   * then re-runs the step's checks. A guarded fix comes back as {@link FixOutcome.NeedsProof}: its
   * revert job waits for a new proof ({@link #recordEvidence}).
   */
  public synchronized FixOutcome applyFix(String stepId, String fixId, Plan shown) {
    return applier.apply(
        steps.definition(stepId), steps.fixRef(stepId, fixId), shown, revertWindow);
  }

  /** Skips the step with the admin's reason. @throws IllegalTransitionException blank or locked */
  public synchronized StepState skip(String stepId, SkipKind kind, String text) {
    steps.definition(stepId);
    Session s =
        store.update(
            x -> WizardFlow.skipped(x, stepId, new SkipReason(kind, text), clock.instant()));
    checker.chain(s.indexOf(stepId) + 1, steps, new ArrayList<>());
    return session().state(stepId).orElseThrow();
  }

  /**
   * Notes that a change of the step waits for its armed revert ({@link WizardFlow#awaitingRevert}).
   */
  public synchronized StepState awaitingRevert(String stepId) {
    return store
        .update(s -> WizardFlow.awaitingRevert(s, stepId, clock.instant()))
        .state(stepId)
        .orElseThrow();
  }

  /** Notes that the step's changes were undone on the host (e.g. by confirm-or-revert). */
  public synchronized StepState reverted(String stepId) {
    return store
        .update(s -> WizardFlow.reverted(s, stepId, clock.instant()))
        .state(stepId)
        .orElseThrow();
  }

  /** Adds a proof (e.g. a key-only login) to the session, saves it, disarms what it proves safe. */
  public synchronized void recordEvidence(Evidence e) {
    store.update(s -> s.withEvidence(e, clock.instant()));
    ledger.disarmFor(e, session().answers().adminUser());
  }

  /** Which proof disarms this job now: the private path once proven, else what the fix needs. */
  public synchronized EvidenceKind disarmingProof(ArmedRevert r) {
    return ledger.safePath(r);
  }

  /** A revert job of the session by id. */
  public Optional<ArmedRevert> revert(String id) {
    return session().reverts().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The newest revert job of a step, if any (e.g. to tell that a failed apply was reverted). */
  public Optional<ArmedRevert> lastRevert(String stepId) {
    List<ArmedRevert> of =
        session().reverts().stream().filter(r -> r.stepId().equals(stepId)).toList();
    return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
  }

  /** The revert jobs still armed on the host (the UI shows their countdown). */
  public List<ArmedRevert> pendingReverts() {
    return session().reverts().stream().filter(r -> r.state() == RevertState.ARMED).toList();
  }

  /**
   * Asks the host what became of every armed revert job (fired, gone, still armed); a fired one
   * marks its step REVERTED. On the practice VPS a due simulated timer fires here.
   */
  public synchronized List<RevertReport> refreshReverts() {
    return ledger.refresh();
  }

  /** Fires an armed revert at once (e.g. the proof failed); the step becomes REVERTED. */
  public synchronized RevertState revertNow(String revertId) {
    return ledger.fireNow(revertId);
  }

  /** The session as last saved. Never waits for the host. */
  public Session session() {
    return store.get();
  }

  public StepContext context() {
    Session s = session();
    return new StepContext(s.answers(), s.evidence(), clock, mode.clientAddress());
  }

  /**
   * Every step's live checks run now, for a report (step id → results, in step order). Read-only:
   * the session is not changed (the commands are logged with the next save).
   */
  public synchronized Map<String, List<CheckResult>> liveResults() {
    return checker.live(steps.all());
  }

  /** The host the engine works on, for reading only (a report's host facts and diffs). */
  public Host host() {
    return host;
  }

  /** Where the wizard runs (practice or real, where reports go). */
  public RunMode mode() {
    return mode;
  }

  public List<StepDefinition> definitions() {
    return steps.all();
  }

  Steps steps() {
    return steps;
  }

  Clock clock() {
    return clock;
  }
}
