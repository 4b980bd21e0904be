package dev.hermesharden.tui;

import dev.hermesharden.engine.GuardDecision;
import dev.hermesharden.engine.IllegalTransitionException;
import dev.hermesharden.engine.JournalException;
import dev.hermesharden.engine.ResumeReport;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.StepOutcome;
import dev.hermesharden.engine.StepPlan;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.report.Redactor;
import dev.hermesharden.report.ReportAssembly;
import dev.hermesharden.report.ReportModel;
import dev.hermesharden.report.ReportWriter;
import dev.hermesharden.report.Reports;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.words.Glyphs;
import dev.hermesharden.words.Words;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The wizard's behaviour behind the screen: every button and key becomes one engine call on the
 * {@link Worker}; the result (a fresh session snapshot) comes back on the GUI thread, the view is
 * rebuilt, and the next step is opened when the viewed one passes. No check, fix or proof logic
 * lives here: the engine's flow decides, this only asks and shows.
 */
final class Controller implements MainView.Actions {
  /** The session after an engine call, with the guard lines of the step being viewed. */
  record Snapshot(Session session, String stepId, List<String> guard) {}

  /** What starting found. */
  private record Started(ResumeReport report, Snapshot snap, Optional<String> client) {}

  /** A step's plan with the snapshot taken when it was made. */
  private record Previewed(StepPlan plan, Snapshot snap) {}

  /** What an apply or a proof came to. */
  private record Finished(StepOutcome outcome, Snapshot snap) {}

  /** A written report. */
  private record Written(Path path, ReportModel.Summary summary) {}

  private final WizardEngine engine;
  private final Messages m;
  private final Words t;
  private final Glyphs g;
  private final ViewState s;
  private final Runnable render;
  private Dialogs dialogs;
  private Worker worker;

  Controller(WizardEngine engine, Words t, ViewState s, Runnable render) {
    this.engine = engine;
    this.m = t.messages();
    this.t = t;
    this.g = t.glyphs();
    this.s = s;
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
          take(started.snap());
          s.viewed = started.snap().stepId();
          render.run();
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
      String unlock = s.current().map(t::stepName).orElse("");
      s.message = m.get("tui.locked", t.stepName(stepId), unlock);
      render.run();
      return;
    }
    s.viewed = stepId;
    s.message = "";
    enter(stepId);
  }

  /** Shows a step: checks it at once when it was never checked, else just its guard line. */
  private void enter(String stepId) {
    boolean neverChecked =
        s.status(stepId) == StepStatus.READY
            && s.state(stepId).map(x -> x.lastResults().isEmpty()).orElse(true);
    if (neverChecked) {
      recheck();
      return;
    }
    submit("tui.progress.loading", stepId, () -> snapshot(stepId), this::take);
  }

  @Override
  public void recheck() {
    String id = s.viewed;
    if (id == null) {
      return;
    }
    boolean before = s.status(id).passed();
    submit(
        "tui.progress.check",
        id,
        () -> {
          engine.check(id);
          return snapshot(id);
        },
        snap -> after(id, before, snap));
  }

  @Override
  public void showChanges() {
    String id = s.viewed;
    submit(
        "tui.progress.plan",
        id,
        () -> engine.preview(id),
        plan -> dialogs.message(m.get("tui.changes.title", t.stepName(id)), planText(plan)));
  }

  @Override
  public void apply() {
    String id = s.viewed;
    submit(
        "tui.progress.plan",
        id,
        () -> new Previewed(engine.preview(id), snapshot(id)),
        p -> confirmAndApply(p.plan()));
  }

  /** Shows the step's plan; on "Apply now" hands exactly that plan to the engine's flow. */
  private void confirmAndApply(StepPlan plan) {
    String id = plan.stepId();
    List<String> refused = new ArrayList<>();
    for (StepPlan.Part part : plan.refused()) {
      refused.add(m.get("tui.fix.line", m.get(part.fix().titleKey())));
      ((GuardDecision.Refused) part.guard())
          .missing()
          .forEach(x -> refused.add("  " + t.missing(x)));
    }
    if (!refused.isEmpty()) {
      dialogs.message(m.get("tui.guard.refused.title"), String.join("\n", refused));
      return;
    }
    if (plan.nothingToDo()) {
      dialogs.message(m.get("tui.apply.title", t.stepName(id)), m.get("tui.apply.nothing"));
      recheck();
      return;
    }
    List<String> text = new ArrayList<>();
    for (StepPlan.Part part : plan.parts()) {
      if (part.guarded()) {
        text.add(m.get("tui.apply.destructive", m.get(part.fix().titleKey())));
      }
    }
    text.add(planText(plan));
    if (!dialogs.confirm(
        m.get("tui.apply.title", t.stepName(id)),
        String.join("\n", text),
        m.get("tui.button.apply-confirm"))) {
      return;
    }
    boolean before = s.status(id).passed();
    ProofDialog proofs = new ProofDialog(dialogs, t);
    submit(
        "tui.progress.apply",
        id,
        () -> new Finished(engine.applyStep(plan, proofs), snapshot(id)),
        done -> {
          proofs.close();
          proofs.disarmedBy().ifPresent(k -> s.message = m.get("revert.disarmed", t.kind(k)));
          finished(id, before, done);
        });
  }

  @Override
  public void prove() {
    String id = s.viewed;
    StepDefinition d = definition(id);
    if (d.produces().isEmpty()) {
      s.message = m.get("tui.prove.none", t.stepName(id));
      render.run();
      return;
    }
    boolean before = s.status(id).passed();
    ProofDialog proofs = new ProofDialog(dialogs, t);
    submit(
        "tui.progress.prove",
        id,
        () -> new Finished(engine.proveStep(id, proofs), snapshot(id)),
        done -> {
          proofs.close();
          finished(id, before, done);
        });
  }

  /** Shows what became of an apply or a proof, then moves on when the step passed. */
  private void finished(String id, boolean before, Finished done) {
    StepOutcome o = done.outcome();
    if (o instanceof StepOutcome.PlanChanged c) {
      take(done.snap());
      confirmAndApply(c.fresh());
      return;
    }
    List<String> problems = t.outcome(o);
    if (!problems.isEmpty()) {
      dialogs.message(m.get("tui.error.title"), String.join("\n", problems));
    }
    after(id, before, done.snap());
  }

  @Override
  public void skip() {
    String id = s.viewed;
    dialogs
        .skip(t.stepName(id))
        .ifPresent(
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
            });
  }

  /**
   * Writes the full report now (the Markdown of {@code hermes-harden report}: the session, a live
   * audit of every step, the host's facts; redacted, 0600 under {@code <state dir>/reports/}) and
   * shows where with a short summary; {@code last} for the closing screen.
   */
  void report(boolean last) {
    Optional<String> client = s.client;
    submit(
        "tui.progress.report",
        s.viewed,
        () -> {
          Instant at = Instant.now();
          ReportModel model =
              ReportAssembly.assemble(
                  m,
                  engine.session(),
                  engine.definitions(),
                  engine.liveResults(),
                  engine.host(),
                  client,
                  at);
          String md = Reports.MD.render(model, m);
          Path p =
              ReportWriter.writeDefault(engine.mode().stateDir(), Reports.MD.extension(), md, at);
          return new Written(p, model.summary());
        },
        w -> {
          String key = last ? "tui.report.done" : "tui.report.written";
          dialogs.message(
              m.get("tui.report.title"),
              m.get(
                  key,
                  w.summary().verified(),
                  w.summary().skipped(),
                  engine.definitions().size(),
                  w.path().toString()));
        });
  }

  void log() {
    Session now = s.session != null ? s.session : null;
    if (now == null) {
      return;
    }
    List<String> lines = t.log(engine.session());
    dialogs.message(
        m.get("tui.log.title"),
        lines.isEmpty() ? m.get("tui.log.empty") : String.join("\n", lines));
  }

  void help() {
    dialogs.message(m.get("tui.help.title"), m.get("tui.help.text"));
  }

  /** After an action on a step: when it has just passed, move on to the next open step. */
  private void after(String stepId, boolean passedBefore, Snapshot snap) {
    take(snap);
    boolean passedNow = s.status(stepId).passed();
    if (passedNow && !passedBefore) {
      var next = s.current();
      s.message = m.get("tui.passed", t.stepName(stepId));
      if (next.isEmpty()) {
        render.run();
        report(true);
        return;
      }
      s.viewed = next.get();
      render.run();
      enter(s.viewed);
    }
  }

  private void take(Snapshot snap) {
    s.session = snap.session();
    if (snap.stepId() != null && snap.stepId().equals(s.viewed)) {
      s.guard = snap.guard();
    }
    render.run();
  }

  private <T> void submit(
      String progressKey, String stepId, Worker.Task<T> task, Consumer<T> done) {
    String what = m.get(progressKey, stepId == null ? "" : t.stepName(stepId));
    if (!worker.submit(what, task, done)) {
      s.message = m.get("tui.busy");
      render.run();
    }
  }

  /** Runs on the worker: the session now and the guard lines of a step. */
  private Snapshot snapshot(String stepId) {
    Session now = engine.session();
    if (stepId == null) {
      return new Snapshot(now, null, List.of());
    }
    StepDefinition d = definition(stepId);
    List<String> lines = new ArrayList<>();
    Instant at = Instant.now();
    for (FixRef f : d.fixes()) {
      if (f.requires().isEmpty()) {
        continue;
      }
      GuardDecision decision = engine.guard(stepId, f.id());
      if (decision instanceof GuardDecision.Refused r) {
        r.missing().forEach(x -> lines.add(m.get("tui.guard.line", g.ok(false), t.missing(x))));
      } else {
        for (EvidenceKind k : f.requires()) {
          String proof = t.proof(engine.session(), k, at).orElse(t.kind(k));
          lines.add(m.get("tui.guard.fresh", g.ok(true), proof));
        }
      }
    }
    if (lines.isEmpty()) {
      lines.add(m.get("tui.guard.none"));
    }
    return new Snapshot(engine.session(), stepId, lines.stream().distinct().toList());
  }

  private String planText(StepPlan plan) {
    List<String> out = new ArrayList<>();
    for (StepPlan.Part part : plan.parts()) {
      out.add(m.get("tui.fix.line", m.get(part.fix().titleKey())));
      if (part.fix().destructive()) {
        out.add(m.get("tui.fix.destructive-note"));
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
