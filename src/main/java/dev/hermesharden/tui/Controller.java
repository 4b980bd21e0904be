package dev.hermesharden.tui;

import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.engine.GuardDecision;
import dev.hermesharden.engine.IllegalTransitionException;
import dev.hermesharden.engine.JournalException;
import dev.hermesharden.engine.ProofOutcome;
import dev.hermesharden.engine.ResumeReport;
import dev.hermesharden.engine.RevertReport;
import dev.hermesharden.engine.RevertState;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.StepOutcome;
import dev.hermesharden.engine.StepPlan;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.report.Redactor;
import dev.hermesharden.report.ReportAssembly;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.words.Words;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The wizard's behaviour behind the screen: every button and key becomes one engine call on the
 * {@link Worker}; the result (a fresh session snapshot) comes back on the GUI thread, the view is
 * rebuilt, the status line says what happened, and the next step is opened when the viewed one
 * passes. No check, fix or proof logic lives here: the engine's flow decides, this only asks and
 * shows.
 */
final class Controller implements MainView.Actions {
  /** The session after an engine call, with the guard lines of a step. */
  record Snapshot(Session session, String stepId, Map<String, List<String>> guards) {}

  private record Started(ResumeReport report, Snapshot snap, Optional<String> client) {}

  private record Previewed(StepPlan plan, Snapshot snap) {}

  private record Finished(StepOutcome outcome, Snapshot snap) {}

  private record Refreshed(List<RevertReport> reports, Snapshot snap) {}

  private final WizardEngine engine;
  private final Messages m;
  private final Words t;
  private final ViewState s;
  private final Clock clock;
  private final Runnable render;
  private Dialogs dialogs;
  private Worker worker;
  private String refreshedFor;

  Controller(WizardEngine engine, Words t, ViewState s, Clock clock, Runnable render) {
    this.engine = engine;
    this.m = t.messages();
    this.t = t;
    this.s = s;
    this.clock = clock;
    this.render = render;
  }

  void attach(Dialogs dialogs, Worker worker) {
    this.dialogs = dialogs;
    this.worker = worker;
  }

  /** Resumes or starts the session, then shows what resuming found. */
  void start() {
    worker.submit(
        m.get("tui.progress.start"),
        () -> {
          ResumeReport r = engine.startOrResume();
          return new Started(
              r, snapshot(firstOpen(engine.session())), engine.context().clientAddress());
        },
        started -> {
          s.client = started.client();
          s.viewed = started.snap().stepId();
          take(started.snap());
          started
              .report()
              .problem()
              .ifPresent(p -> dialogs.message(m.get("tui.error.title"), t.reason(p)));
          if (started.report().resumed()) {
            dialogs.message(
                m.get("tui.resume.title"), String.join("\n", t.resume(started.report())));
          }
          enter(s.viewed);
        });
  }

  @Override
  public void open(String stepId) {
    if (s.status(stepId) == StepStatus.LOCKED) {
      s.viewed = stepId;
      say(lockedMessage(stepId));
      return;
    }
    s.viewed = stepId;
    s.message = "";
    enter(stepId);
  }

  /**
   * The list's selection moved: show that step at once from the last snapshot (a locked one too, to
   * look at), and fetch its guard lines when the worker is free.
   */
  void preview(String stepId) {
    s.viewed = stepId;
    s.message = // a locked step's pane says why it is locked; the status line need not repeat it
        s.status(stepId) == StepStatus.LOCKED ? "" : m.get("tui.preview", t.stepName(stepId));
    render.run();
    if (!worker.busy()) {
      worker.submit("", () -> snapshot(stepId), this::take); // quietly: it rarely changes a cell
    }
  }

  private String lockedMessage(String stepId) {
    return m.get("tui.locked", t.stepName(stepId), s.current().map(t::stepName).orElse(""));
  }

  /** Shows a step: checks it at once when it was never checked, else just its guard line. */
  private void enter(String stepId) {
    boolean neverChecked =
        s.status(stepId) == StepStatus.READY
            && s.state(stepId).map(x -> x.lastResults().isEmpty()).orElse(true);
    if (neverChecked) {
      check(s.message.isEmpty()); // keep what the status line says about the step before
      return;
    }
    submit("tui.progress.loading", stepId, () -> snapshot(stepId), this::take);
  }

  @Override
  public void recheck() {
    check(true);
  }

  /** Runs the viewed step's checks; {@code announce}: say how many passed. */
  private void check(boolean announce) {
    String id = s.viewed;
    if (id == null || locked(id)) {
      return;
    }
    if (announce) {
      s.message = ""; // a new action: the last one's words no longer apply
    }
    boolean before = s.status(id).passed();
    submit(
        "tui.progress.check",
        id,
        () -> {
          engine.check(id);
          return snapshot(id);
        },
        snap -> {
          after(id, before, snap);
          if (announce && (!s.status(id).passed() || before)) {
            StepState st = s.state(id).orElseThrow();
            long ok = st.lastResults().stream().filter(r -> r.status().satisfied()).count();
            say(m.get("tui.checked", t.stepName(id), ok, st.lastResults().size()));
          }
        });
  }

  @Override
  public void showChanges() {
    String id = s.viewed;
    s.message = "";
    submit(
        "tui.progress.plan",
        id,
        () -> engine.preview(id),
        plan ->
            dialogs.message(
                m.get("tui.changes.title", t.stepName(id)),
                planText(plan),
                m.get("tui.help.changes")));
  }

  @Override
  public void apply() {
    String id = s.viewed;
    if (locked(id)) {
      return;
    }
    if (t.definition(id).map(d -> d.fixes().isEmpty()).orElse(true)) {
      say(m.get("tui.apply.none", t.stepName(id)));
      return;
    }
    s.message = "";
    submit(
        "tui.progress.plan",
        id,
        () -> new Previewed(engine.preview(id), snapshot(id)),
        p -> confirmAndApply(p.plan(), false));
  }

  /**
   * Shows the step's plan; on "Apply now" hands exactly that plan to the engine's flow.
   *
   * @param rest the plan of the parts left after the first ones went in (planned again)
   */
  private void confirmAndApply(StepPlan plan, boolean rest) {
    String id = plan.stepId();
    List<String> refused = new ArrayList<>();
    for (StepPlan.Part part : plan.refused()) {
      refused.add(m.get("tui.fix.line", m.get(part.fix().titleKey())));
      ((GuardDecision.Refused) part.guard())
          .missing()
          .forEach(x -> refused.add("  " + t.missing(x)));
    }
    if (!refused.isEmpty()) {
      dialogs.message(
          m.get("tui.guard.refused.title"), String.join("\n", refused), m.get("tui.help.refused"));
      say(m.get("tui.apply.refused", t.stepName(id)));
      return;
    }
    if (plan.nothingToDo()) {
      dialogs.message(m.get("tui.apply.title", t.stepName(id)), m.get("tui.apply.nothing"));
      recheck();
      return;
    }
    List<String> text = new ArrayList<>();
    if (rest) {
      text.add(m.get("lines.plan.changed"));
      text.add("");
    }
    for (StepPlan.Part part : plan.parts()) {
      for (Redactor.HiddenValue h : Redactor.hiddenValues(part.plan())) {
        text.add(m.get("plan.secret-written", h.key(), h.path()));
        text.add("");
      }
    }
    for (StepPlan.Part part : plan.parts()) {
      if (part.guarded()) {
        text.add(
            m.get(
                "tui.apply.guarded",
                m.get(part.fix().titleKey()),
                plan.revertWindow().toSeconds()));
        text.add("");
      }
    }
    text.add(planText(plan));
    String title = m.get(rest ? "tui.apply.title.rest" : "tui.apply.title", t.stepName(id));
    if (!dialogs.confirm(
        title,
        String.join("\n", text),
        m.get("tui.button.apply-confirm"),
        plan.guarded(),
        m.get("tui.help.apply"))) {
      say(m.get("tui.apply.cancelled"));
      return;
    }
    boolean before = s.status(id).passed();
    ProofDialog proofs = new ProofDialog(dialogs, t, m.get("tui.help.prove"));
    submit(
        "tui.progress.apply",
        id,
        () -> new Finished(engine.applyStep(plan, proofs), snapshot(id)),
        done -> {
          proofs.close();
          finished(id, before, done, proofs);
        });
  }

  @Override
  public void prove() {
    String id = s.viewed;
    if (locked(id)) {
      return;
    }
    Optional<ArmedRevert> pending = s.pendingRevert().filter(r -> r.stepId().equals(id));
    StepDefinition d = definition(id);
    if (d.produces().isEmpty() && pending.isEmpty()) {
      say(m.get("tui.prove.none", t.stepName(id)));
      return;
    }
    boolean before = s.status(id).passed();
    s.message = "";
    ProofDialog proofs = new ProofDialog(dialogs, t, m.get("tui.help.prove"));
    submit(
        "tui.progress.prove",
        id,
        () -> {
          StepOutcome o;
          if (pending.isPresent()) {
            // a change waits for its new proof: prove the way that disarms it
            ArmedRevert r = pending.get();
            EvidenceKind kind = engine.disarmingProof(r);
            ProofOutcome po = engine.prove(kind, proofs);
            ArmedRevert now = engine.revert(r.id()).orElse(r);
            if (now.state() == RevertState.DISARMED) {
              proofs.disarmed(now, kind);
            }
            o =
                po instanceof ProofOutcome.Proven
                    ? new StepOutcome.Done(engine.check(id))
                    : new StepOutcome.Unproven(
                        kind, Optional.empty(), Optional.of(now), po, engine.check(id));
          } else {
            o = engine.proveStep(id, proofs);
          }
          return new Finished(o, snapshot(id));
        },
        done -> {
          proofs.close();
          finished(id, before, done, proofs);
        });
  }

  /** Shows what became of an apply or a proof, then moves on when the step passed. */
  private void finished(String id, boolean before, Finished done, ProofDialog proofs) {
    StepOutcome o = done.outcome();
    if (o instanceof StepOutcome.PlanChanged c) {
      take(done.snap());
      confirmAndApply(c.fresh(), true);
      return;
    }
    List<String> problems = t.outcome(o);
    if (!problems.isEmpty()) {
      String title =
          m.get(o instanceof StepOutcome.Failed ? "tui.error.title" : "tui.outcome.title");
      dialogs.message(title, String.join("\n", problems));
      s.message = problems.get(problems.size() - 1);
    } else {
      s.message =
          proofs
              .disarmedBy()
              .map(k -> m.get("revert.disarmed", t.kind(k)))
              .orElse(m.get("tui.applied", t.stepName(id)));
    }
    after(id, before, done.snap());
  }

  @Override
  public void skip() {
    String id = s.viewed;
    if (locked(id)) {
      return;
    }
    if (s.status(id).passed()) {
      say(m.get("tui.skip.passed", t.stepName(id)));
      return;
    }
    dialogs
        .skip(t.stepName(id), t)
        .ifPresentOrElse(
            k -> {
              boolean before = s.status(id).passed();
              submit(
                  "tui.progress.skip",
                  id,
                  () -> {
                    engine.skip(id, k.kind(), k.text());
                    return snapshot(id);
                  },
                  snap -> after(id, before, snap));
            },
            () -> say(m.get("tui.skip.cancelled")));
  }

  /**
   * Once a second: when an armed revert's deadline has passed, asks the engine what the host did
   * (on the practice VPS the due job fires then) and says so.
   */
  void tick() {
    Optional<ArmedRevert> due =
        s.pendingRevert().filter(r -> !clock.instant().isBefore(r.deadline().plusSeconds(1)));
    if (due.isEmpty() || worker.busy() || due.get().id().equals(refreshedFor)) {
      return;
    }
    refreshedFor = due.get().id();
    String id = due.get().stepId();
    worker.submit(
        m.get("tui.progress.revert"),
        () -> new Refreshed(engine.refreshReverts(), snapshot(s.viewed)),
        r -> {
          take(r.snap());
          r.reports().stream()
              .filter(x -> x.state() != RevertState.ARMED)
              .findFirst()
              .ifPresent(x -> s.message = t.revert(x));
          render.run();
          if (s.status(id) == StepStatus.REVERTED) {
            s.message = m.get("tui.revert.fired.step", t.stepName(id));
            if (id.equals(s.viewed)) {
              check(false); // what the server does now, not what it did before the revert
            }
          }
        });
  }

  /**
   * Writes the full report now (the Markdown of {@code hermes-harden report}: the session, a live
   * audit of every step, the host's facts; redacted, 0600 under {@code <state dir>/reports/}),
   * shows where with a short summary, and offers to read it here; {@code last} for the closing
   * screen.
   */
  void report(boolean last) {
    Optional<String> client = s.client;
    submit(
        "tui.progress.report",
        s.viewed,
        () -> ReportAssembly.writeMarkdown(m, engine, client, clock.instant()),
        w -> {
          String key = last ? "tui.report.done" : "tui.report.written";
          String text =
              m.get(
                  key,
                  w.summary().verified(),
                  w.summary().skipped(),
                  engine.definitions().size(),
                  w.path().toString());
          say(m.get("tui.report.status", w.path().toString()));
          int choice =
              dialogs.show(
                  m.get("tui.report.title"),
                  text,
                  List.of(m.get("tui.button.read-report"), m.get("tui.button.close")),
                  last ? 0 : 1,
                  m.get("tui.help.report"));
          if (choice == 0) {
            dialogs.message(m.get("tui.report.reading", w.path().getFileName()), w.markdown());
          }
        });
  }

  /** F2: the commands run, newest first. */
  void log() {
    Session now = s.session;
    if (now == null) {
      return;
    }
    List<String> lines = t.log(now);
    dialogs.message(
        m.get("tui.log.title", lines.size()),
        lines.isEmpty() ? m.get("tui.log.empty") : String.join("\n", lines),
        m.get("tui.help.log"));
  }

  /** F1 on the main screen: the viewed step's whole teaching text, then the keys. */
  void help() {
    StepDefinition d = s.viewed == null ? null : definition(s.viewed);
    String keys = m.get("tui.help.text", t.steps().size());
    String text = keys;
    if (d != null) {
      text =
          m.get("tui.teach.why", m.get(d.teaching().whyKey()))
              + "\n\n"
              + m.get("tui.teach.breaks", m.get(d.teaching().breaksKey()))
              + "\n\n"
              + m.get("tui.teach.undo", m.get(d.teaching().undoKey()))
              + "\n\n"
              + text;
    }
    String title = d == null ? m.get("tui.help.title") : m.get("tui.help.step", t.stepName(d.id()));
    dialogs.message(title, text, keys);
  }

  /** After an action on a step: say so, and when it has just passed, move on. */
  private void after(String stepId, boolean passedBefore, Snapshot snap) {
    take(snap);
    StepState st = s.state(stepId).orElseThrow();
    if (st.status().passed() && !passedBefore) {
      var next = s.current();
      s.message = t.passed(st);
      if (next.isEmpty()) {
        render.run();
        report(true);
        return;
      }
      s.viewed = next.get();
      render.run();
      enter(s.viewed);
    } else {
      render.run();
    }
  }

  private boolean locked(String id) {
    if (id == null || s.status(id) != StepStatus.LOCKED) {
      return id == null;
    }
    say(lockedMessage(id));
    return true;
  }

  private void say(String message) {
    s.message = message;
    render.run();
  }

  private void take(Snapshot snap) {
    s.session = snap.session();
    s.guards = snap.guards();
    render.run();
  }

  private <T> void submit(
      String progressKey, String stepId, Worker.Task<T> task, Consumer<T> done) {
    String what = m.get(progressKey, stepId == null ? "" : t.stepName(stepId));
    if (!worker.submit(what, task, done)) {
      say(m.get("tui.busy"));
    }
  }

  /**
   * Runs on the worker: the session now and the guard lines of every step (cheap: they are judged
   * from the session), so moving in the list shows a step whole at once, in one frame.
   *
   * @param stepId the step the snapshot was taken for (the one to show first at start)
   */
  private Snapshot snapshot(String stepId) {
    Session now = engine.session();
    Instant at = clock.instant();
    Map<String, List<String>> guards = new HashMap<>();
    for (StepDefinition d : engine.definitions()) {
      guards.put(d.id(), t.guardLines(d, now, f -> engine.guard(d.id(), f.id()), at));
    }
    return new Snapshot(now, stepId, Map.copyOf(guards));
  }

  private String planText(StepPlan plan) {
    List<String> out = new ArrayList<>();
    for (StepPlan.Part part : plan.parts()) {
      out.add(m.get("tui.fix.line", m.get(part.fix().titleKey())));
      if (part.guarded()) {
        out.add(m.get("tui.fix.destructive-note", plan.revertWindow().toSeconds()));
      }
      out.add(
          part.plan().isEmpty()
              ? m.get(part.later() ? "tui.changes.later" : "tui.changes.nothing")
              : Redactor.shown(part.plan()).stripTrailing());
      for (Redactor.HiddenValue h : Redactor.hiddenValues(part.plan())) {
        out.add(m.get("plan.secret-written", h.key(), h.path()));
      }
      out.add("");
    }
    if (plan.parts().isEmpty()) {
      out.add(m.get("tui.changes.no-fixes"));
    }
    return String.join("\n", out);
  }

  /** The error text for anything a task threw: always a sentence, never a stack trace. */
  String describe(Throwable e) {
    if (e instanceof IllegalTransitionException x) {
      return t.reason(x.reason());
    }
    if (e instanceof HostException h) {
      return m.get("tui.error.host", h.kind().name(), String.valueOf(h.getMessage()));
    }
    if (e instanceof BadInputException b) {
      return m.get("tui.error.bad-input", b.where(), m.get(b.key(), b.args().toArray()));
    }
    if (e instanceof JournalException j) {
      return m.get(j.key());
    }
    return m.get(
        "tui.error.internal", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
  }

  private StepDefinition definition(String id) {
    return t.definition(id).orElseThrow();
  }

  private String firstOpen(Session now) {
    return now.steps().stream()
        .filter(x -> !x.status().passed())
        .map(x -> x.stepId())
        .findFirst()
        .orElse(now.steps().get(now.steps().size() - 1).stepId());
  }
}
