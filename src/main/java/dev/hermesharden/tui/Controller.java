package dev.hermesharden.tui;

import dev.hermesharden.engine.ApplyResult;
import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.engine.GuardDecision;
import dev.hermesharden.engine.IllegalTransitionException;
import dev.hermesharden.engine.JournalException;
import dev.hermesharden.engine.ResumeReport;
import dev.hermesharden.engine.RevertState;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.BadInputException;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.proof.PendingProof;
import dev.hermesharden.report.HostFactsReader;
import dev.hermesharden.report.Redactor;
import dev.hermesharden.report.ReportBuilder;
import dev.hermesharden.report.ReportModel;
import dev.hermesharden.report.ReportWriter;
import dev.hermesharden.report.Reports;
import dev.hermesharden.report.ToolVersion;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The wizard's behaviour behind the screen: every button and key becomes one engine call on the
 * {@link Worker}; the result (a fresh session snapshot) comes back on the GUI thread, the view is
 * rebuilt, and the next step is opened when the viewed one passes. No check or fix logic lives
 * here: the engine decides, this only asks and shows.
 */
final class Controller implements MainView.Actions {
  /** The session after an engine call, with the guard lines of the step being viewed. */
  record Snapshot(Session session, String stepId, List<String> guard) {}

  private final WizardEngine engine;
  private final List<StepDefinition> steps;
  private final Messages m;
  private final Texts t;
  private final Glyphs g;
  private final Answers answers;
  private final Path stateDir;
  private final ViewState s;
  private final Runnable render;
  private final Runnable hostChanged;
  private final Proofs proofs;
  private Dialogs dialogs;
  private Worker worker;

  Controller(
      WizardEngine engine,
      List<StepDefinition> steps,
      Messages m,
      Texts t,
      Glyphs g,
      Answers answers,
      Path stateDir,
      ViewState s,
      Runnable render,
      Runnable hostChanged,
      Proofs proofs) {
    this.engine = engine;
    this.steps = steps;
    this.m = m;
    this.t = t;
    this.g = g;
    this.answers = answers;
    this.stateDir = stateDir;
    this.s = s;
    this.render = render;
    this.hostChanged = hostChanged;
    this.proofs = proofs;
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
          ResumeReport r = engine.startOrResume(answers);
          Session now = engine.session();
          String at = firstOpen(now);
          return new Object[] {r, snapshot(at), engine.context().clientAddress()};
        },
        res -> {
          ResumeReport r = (ResumeReport) res[0];
          Snapshot snap = (Snapshot) res[1];
          @SuppressWarnings("unchecked")
          java.util.Optional<String> client = (java.util.Optional<String>) res[2];
          s.client = client;
          take(snap);
          s.viewed = snap.stepId();
          render.run();
          r.problem().ifPresent(p -> dialogs.message(m.get("tui.error.title"), m.get(p)));
          if (r.resumed()) {
            dialogs.message(m.get("tui.resume.title"), t.resume(r));
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
    submit("tui.progress.loading", stepId, () -> snapshot(stepId), snap -> take(snap));
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
        () -> engine.plan(id),
        plans -> dialogs.message(m.get("tui.changes.title", t.stepName(id)), plansText(id, plans)));
  }

  @Override
  public void apply() {
    String id = s.viewed;
    StepDefinition d = definition(id);
    submit(
        "tui.progress.plan",
        id,
        () -> {
          List<Plan> plans = engine.plan(id);
          List<GuardDecision> decisions = new ArrayList<>();
          for (int i = 0; i < plans.size(); i++) {
            decisions.add(
                plans.get(i).isEmpty()
                    ? new GuardDecision.Allowed()
                    : engine.guard(id, d.fixes().get(i).id()));
          }
          return new Object[] {plans, decisions};
        },
        res -> {
          @SuppressWarnings("unchecked")
          List<Plan> plans = (List<Plan>) res[0];
          @SuppressWarnings("unchecked")
          List<GuardDecision> decisions = (List<GuardDecision>) res[1];
          confirmAndApply(d, plans, decisions);
        });
  }

  private void confirmAndApply(StepDefinition d, List<Plan> plans, List<GuardDecision> guards) {
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < guards.size(); i++) {
      if (guards.get(i) instanceof GuardDecision.Refused r) {
        refused.add(m.get("tui.fix.line", m.get(d.fixes().get(i).titleKey())));
        r.missing().forEach(x -> refused.add("  " + t.missing(x)));
      }
    }
    if (!refused.isEmpty()) {
      dialogs.message(m.get("tui.guard.refused.title"), String.join("\n", refused));
      return;
    }
    if (plans.stream().allMatch(Plan::isEmpty)) {
      dialogs.message(m.get("tui.apply.title", t.stepName(d.id())), m.get("tui.apply.nothing"));
      recheck();
      return;
    }
    List<String> text = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      FixRef f = d.fixes().get(i);
      if (f.destructive() && !plans.get(i).isEmpty()) {
        text.add(m.get("tui.apply.destructive", m.get(f.titleKey())));
      }
    }
    text.add(plansText(d.id(), plans));
    if (!dialogs.confirm(
        m.get("tui.apply.title", t.stepName(d.id())),
        String.join("\n", text),
        m.get("tui.button.apply-confirm"))) {
      return;
    }
    boolean before = s.status(d.id()).passed();
    submit(
        "tui.progress.apply",
        d.id(),
        () -> {
          List<String> problems = new ArrayList<>();
          boolean more = false;
          boolean first = true;
          for (int i = 0; i < d.fixes().size(); i++) {
            if (first && plans.get(i).isEmpty()) {
              continue;
            }
            // The first plan is exactly the one shown. Later ones are made again, since an
            // earlier fix of the same step may have changed what they see; one that differs
            // from what was shown is not run: the admin sees it on the next Apply.
            Plan p = first ? plans.get(i) : engine.plan(d.id()).get(i);
            if (!first && !p.render().equals(plans.get(i).render())) {
              more = !p.isEmpty();
              break;
            }
            first = false;
            if (p.isEmpty()) {
              continue;
            }
            ApplyResult r = engine.apply(d.id(), d.fixes().get(i).id(), p);
            if (r instanceof ApplyResult.Refused ref) {
              ref.decision().missing().forEach(x -> problems.add(t.missing(x)));
              break;
            }
            ApplyResult.Applied a = (ApplyResult.Applied) r;
            if (!a.outcome().ok()) {
              problems.add(m.get("tui.apply.failed", m.get(a.outcome().failure().get())));
              if (a.outcome().rolledBack()) {
                problems.add(m.get("tui.apply.rolled-back"));
              }
              break;
            }
          }
          // Confirm-or-revert: a change that armed a revert job needs a NEW proof in time.
          Object revert = null;
          String note = null;
          Optional<ArmedRevert> pending =
              engine.pendingReverts().stream().filter(r -> r.stepId().equals(d.id())).findFirst();
          if (pending.isPresent()) {
            revert = proofs.confirmRevert(pending.get());
            if (revert instanceof String words) {
              engine.check(d.id());
              boolean kept =
                  engine.session().reverts().stream()
                      .anyMatch(
                          x ->
                              x.id().equals(pending.get().id())
                                  && x.state() == RevertState.DISARMED);
              if (kept) {
                note = words;
              } else {
                problems.add(0, words);
              }
              revert = null;
            }
          }
          hostChanged.run();
          if (more && problems.isEmpty()) {
            problems.add("");
          }
          return new Object[] {problems, snapshot(d.id()), revert, pending.orElse(null), note};
        },
        res -> {
          @SuppressWarnings("unchecked")
          List<String> problems = (List<String>) res[0];
          if (res[2] instanceof PendingProof p) {
            awaitRevertProof(d.id(), before, p, (ArmedRevert) res[3]);
            return;
          }
          if (res[4] != null && problems.isEmpty()) {
            s.message = (String) res[4];
          }
          if (problems.equals(List.of(""))) {
            s.message = m.get("tui.apply.more");
          } else if (!problems.isEmpty()) {
            dialogs.message(m.get("tui.error.title"), String.join("\n", problems));
          }
          after(d.id(), before, (Snapshot) res[1]);
        });
  }

  @Override
  public void prove() {
    String id = s.viewed;
    StepDefinition d = definition(id);
    boolean before = s.status(id).passed();
    if (proofs.local().isPresent()) {
      submit(
          "tui.progress.prove",
          id,
          () -> proofs.begin(d),
          begun -> {
            if (begun instanceof PendingProof p) {
              awaitProof(id, before, p);
            } else {
              dialogs.message(m.get("tui.prove.title"), String.valueOf(begun));
            }
          });
      return;
    }
    if (!proofs.automatic()) {
      dialogs.message(m.get("tui.prove.title"), proofs.instructions(d, s.session));
      return;
    }
    submit(
        "tui.progress.prove",
        id,
        () -> {
          List<String> failures = proofs.perform(d);
          engine.check(id);
          return new Object[] {failures, snapshot(id)};
        },
        res -> {
          @SuppressWarnings("unchecked")
          List<String> failures = (List<String>) res[0];
          if (!failures.isEmpty()) {
            dialogs.message(m.get("tui.prove.title"), String.join("\n", failures));
          }
          after(id, before, (Snapshot) res[1]);
        });
  }

  /**
   * The command to run from a second terminal, with the user, address and expiry, and the token on
   * a line of its own to paste when the command asks (never part of the command itself).
   */
  private String proofText(PendingProof p) {
    return m.get(
        "tui.prove.local.text",
        ShellQuoting.join(p.command()),
        p.user(),
        p.address(),
        p.token(),
        p.expires().toString());
  }

  /**
   * Shows the command and token, and waits on the worker until the confirm arrives or is stopped.
   */
  private void awaitProof(String id, boolean before, PendingProof p) {
    AtomicBoolean stop = new AtomicBoolean();
    String text = proofText(p);
    Dialogs.Waiting w =
        dialogs.waiting(
            m.get("tui.prove.title"), text, m.get("tui.prove.local.stop"), () -> stop.set(true));
    submit(
        "tui.progress.prove-wait",
        id,
        () -> {
          Optional<String> end = proofs.await(p, stop::get, w::status);
          if (end.isEmpty()) {
            engine.check(id);
          }
          return new Object[] {end, snapshot(id)};
        },
        res -> {
          w.close();
          @SuppressWarnings("unchecked")
          Optional<String> end = (Optional<String>) res[0];
          end.filter(e -> !e.isEmpty())
              .ifPresent(e -> dialogs.message(m.get("tui.prove.title"), e));
          after(id, before, (Snapshot) res[1]);
        });
  }

  /**
   * The proof dialog under an armed revert: the command and token, and a status line counting down
   * "Auto-revert in N s unless you prove the login again". Ends on the proof (disarmed), on Stop or
   * at the deadline (the host reverts by itself).
   */
  private void awaitRevertProof(String id, boolean before, PendingProof p, ArmedRevert r) {
    AtomicBoolean stop = new AtomicBoolean();
    String text =
        m.get("revert.armed", r.id(), r.deadline().toString(), r.script()) + "\n\n" + proofText(p);
    Dialogs.Waiting w =
        dialogs.waiting(
            m.get("tui.prove.title"), text, m.get("tui.prove.local.stop"), () -> stop.set(true));
    submit(
        "tui.progress.prove-wait",
        id,
        () -> {
          Optional<String> end = proofs.await(p, stop::get, w::status, Optional.of(r.deadline()));
          engine.check(id);
          boolean disarmed =
              engine.session().reverts().stream()
                  .anyMatch(x -> x.id().equals(r.id()) && x.state() == RevertState.DISARMED);
          return new Object[] {end, snapshot(id), disarmed};
        },
        res -> {
          w.close();
          @SuppressWarnings("unchecked")
          Optional<String> end = (Optional<String>) res[0];
          if ((Boolean) res[2]) {
            s.message = m.get("revert.disarmed", engine.disarmingProof(r).id());
          } else {
            // stopped or timed out: the host reverts by itself at the deadline
            String e = end.filter(x -> !x.isEmpty()).orElse(m.get("revert.timeout", r.deadline()));
            dialogs.message(m.get("tui.prove.title"), e);
          }
          after(id, before, (Snapshot) res[1]);
        });
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
          Session now = engine.session();
          Instant at = Instant.now();
          Host host = engine.host();
          Redactor redactor = Redactor.forHost(host, now.answers());
          ReportModel model =
              new ReportBuilder(m, redactor)
                  .build(
                      now,
                      steps,
                      engine.liveResults(),
                      host,
                      HostFactsReader.read(host, client),
                      ToolVersion.text(),
                      at);
          String md = Reports.MD.render(model, m);
          Path p = ReportWriter.writeDefault(stateDir, Reports.MD.extension(), md, at);
          return new Object[] {p, model.summary()};
        },
        res -> {
          ReportModel.Summary sum = (ReportModel.Summary) res[1];
          String key = last ? "tui.report.done" : "tui.report.written";
          dialogs.message(
              m.get("tui.report.title"),
              m.get(key, sum.verified(), sum.skipped(), steps.size(), res[0].toString()));
        });
  }

  void log() {
    if (worker.busy() && s.session != null) {
      dialogs.message(m.get("tui.log.title"), t.log(s.session));
      return;
    }
    submit(
        "tui.progress.loading",
        s.viewed,
        engine::session,
        now -> dialogs.message(m.get("tui.log.title"), t.log(now)));
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
      s.message = m.get("tui.passed", t.stepName(stepId));
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
      String progressKey, String stepId, Worker.Task<T> task, java.util.function.Consumer<T> done) {
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

  private String plansText(String stepId, List<Plan> plans) {
    StepDefinition d = definition(stepId);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      FixRef f = d.fixes().get(i);
      out.add(m.get("tui.fix.line", m.get(f.titleKey())));
      if (f.destructive()) {
        out.add(m.get("tui.fix.destructive-note"));
      }
      Plan p = plans.get(i);
      out.add(p.isEmpty() ? m.get("tui.changes.nothing") : Redactor.shown(p).stripTrailing());
      out.add("");
    }
    if (plans.isEmpty()) {
      out.add(m.get("tui.changes.no-fixes"));
    }
    return String.join("\n", out);
  }

  /** The error text for anything a task threw: always a sentence, never a stack trace. */
  String describe(Throwable e) {
    if (e instanceof IllegalTransitionException x) {
      return m.get(x.reason());
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
    return steps.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }

  private String firstOpen(Session now) {
    return now.steps().stream()
        .filter(x -> !x.status().passed())
        .map(x -> x.stepId())
        .findFirst()
        .orElse(steps.get(steps.size() - 1).id());
  }
}
