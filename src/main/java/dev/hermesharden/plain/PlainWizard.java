package dev.hermesharden.plain;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.ResumeReport;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.SkipKind;
import dev.hermesharden.engine.StepOutcome;
import dev.hermesharden.engine.StepPlan;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.engine.WizardFlow;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.report.ReportAssembly;
import dev.hermesharden.report.ReportModel;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.words.Words;
import dev.hermesharden.words.Wrap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;

/**
 * The line-mode wizard (JLine): the same steps, gating, guards, proofs, auto-revert, resume and
 * report as the full-screen one, for screen readers, {@code TERM=dumb} and serial consoles. One
 * thing per line, no cursor addressing, no box drawing; every status in words beside its symbol;
 * numbered choices with a default; {@code ?} for help on the current step. It works through the
 * current step (the first that has not passed) until every step has passed, then writes the report.
 * Ctrl-C or the end of input stop it: the engine saved every change, so running it again resumes.
 */
public final class PlainWizard {
  private final WizardEngine engine;
  private final Words w;
  private final Messages m;
  private final Terminal terminal;
  private final Clock clock;
  private final Optional<String> osName;
  private final PrintWriter out;
  private final Prompt prompt;
  private final int width;
  private String shown;

  public PlainWizard(
      WizardEngine engine, Words w, Terminal terminal, Clock clock, Optional<String> osName) {
    this.engine = engine;
    this.w = w;
    this.m = w.messages();
    this.terminal = terminal;
    this.clock = clock;
    this.osName = osName;
    this.out = terminal.writer();
    LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
    this.prompt = new Prompt(reader, out, m);
    int cols = terminal.getWidth();
    this.width = cols >= 20 ? cols : 80;
  }

  /** Runs until every step has passed (0) or the admin stops (0, progress saved). */
  public int run() {
    try {
      start();
      while (true) {
        Optional<StepState> current = WizardFlow.current(engine.session());
        if (current.isEmpty()) {
          finish();
          return 0;
        }
        step(current.get());
      }
    } catch (Prompt.Quit q) {
      say(m.get("plain.quit"));
      return 0;
    } finally {
      out.flush();
    }
  }

  private void start() {
    say(m.get("plain.intro", w.steps().size()));
    ResumeReport r = engine.startOrResume();
    Session s = engine.session();
    String where = s.hostName() + osName.map(os -> ", " + os).orElse("");
    String who = s.answers().adminUser();
    say(
        engine
            .context()
            .clientAddress()
            .map(
                a ->
                    m.get(
                        s.practice() ? "plain.server.practice-via" : "plain.server.via",
                        where,
                        who,
                        a))
            .orElse(m.get(s.practice() ? "plain.server.practice" : "plain.server", where, who)));
    r.problem().ifPresent(p -> say(w.reason(p)));
    if (r.resumed()) {
      w.resume(r).forEach(this::say);
    }
  }

  /** Shows the current step once, then asks what to do with it. */
  private void step(StepState st) {
    StepDefinition d = w.definition(st.stepId()).orElseThrow();
    if (!d.id().equals(shown)) {
      shown = d.id();
      out.println();
      say(
          m.get(
              "plain.step",
              d.order(),
              w.steps().size(),
              m.get(d.titleKey()),
              w.statusWord(st.status())));
      teaching(d);
      if (st.lastResults().isEmpty()) {
        engine.check(d.id());
      }
      checks(d);
    }
    List<Runnable> actions = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (!d.fixes().isEmpty()) {
      labels.add(m.get("plain.action.apply"));
      actions.add(() -> apply(d));
    }
    if (!d.produces().isEmpty()) {
      labels.add(m.get("plain.action.prove"));
      actions.add(() -> prove(d));
    }
    labels.add(m.get("plain.action.check"));
    actions.add(() -> check(d));
    labels.add(m.get("plain.action.skip"));
    actions.add(() -> skip(d));
    labels.add(m.get("plain.action.steps"));
    actions.add(this::list);
    labels.add(m.get("plain.action.report"));
    actions.add(() -> report(false));
    labels.add(m.get("plain.action.quit"));
    actions.add(
        () -> {
          throw new Prompt.Quit();
        });
    // the next thing to do: apply, then prove where the step's check is a login
    int prove = labels.indexOf(m.get("plain.action.prove"));
    int dflt = prove >= 0 && (d.fixes().isEmpty() || applied(d)) ? prove : 0;
    int choice = prompt.choose(m.get("plain.menu", d.order()), labels, dflt, () -> help(d));
    actions.get(choice).run();
  }

  /** Whether the step's fixes have run (then a proof, when the step has one, comes next). */
  private boolean applied(StepDefinition d) {
    return engine.session().state(d.id()).map(s -> !s.changes().isEmpty()).orElse(false);
  }

  private void apply(StepDefinition d) {
    StepPlan plan = preview(d);
    if (plan == null) {
      return;
    }
    say(m.get("plain.changes", w.stepName(d.id())));
    PlainListener lines = listener();
    lines.plan(plan, false);
    if (!plan.refused().isEmpty()) {
      plan.refused()
          .forEach(
              p ->
                  w.refusal(((dev.hermesharden.engine.GuardDecision.Refused) p.guard()).missing())
                      .forEach(this::say));
      return;
    }
    if (plan.nothingToDo()) {
      say(m.get("tui.apply.nothing"));
      check(d);
      return;
    }
    List<String> options = List.of(m.get("plain.confirm.apply"), m.get("plain.confirm.cancel"));
    if (prompt.choose(m.get("plain.confirm"), options, plan.guarded() ? 1 : 0, () -> help(d))
        != 0) {
      say(m.get("plain.cancelled"));
      return;
    }
    outcome(d, engine.applyStep(plan, lines));
  }

  private StepPlan preview(StepDefinition d) {
    try {
      return engine.preview(d.id());
    } catch (Exception e) {
      say(m.get("tui.error.host", e.getClass().getSimpleName(), String.valueOf(e.getMessage())));
      return null;
    }
  }

  private void prove(StepDefinition d) {
    outcome(d, engine.proveStep(d.id(), listener()));
  }

  private void check(StepDefinition d) {
    boolean before = passed(d);
    engine.check(d.id());
    checks(d);
    announce(d, before);
  }

  private void outcome(StepDefinition d, StepOutcome o) {
    w.outcome(o).forEach(this::say);
    if (o instanceof StepOutcome.PlanChanged) {
      say(m.get("plain.changed.no"));
    }
    checks(d);
    announce(d, false);
  }

  private void skip(StepDefinition d) {
    List<String> kinds = new ArrayList<>();
    for (SkipKind k : SkipKind.values()) {
      kinds.add(w.skipKind(k));
    }
    int k =
        prompt.choose(m.get("tui.skip.kind"), kinds, SkipKind.values().length - 1, () -> help(d));
    String reason = "";
    while (reason.isBlank()) {
      reason = prompt.text(m.get("tui.skip.reason") + " ").strip();
      if (reason.isBlank()) {
        say(m.get("tui.skip.reason-required"));
      }
    }
    engine.skip(d.id(), SkipKind.values()[k], reason);
    announce(d, false);
  }

  /** After an action: say so when the step has just passed (verified or skipped). */
  private void announce(StepDefinition d, boolean before) {
    StepState st = engine.session().state(d.id()).orElseThrow();
    if (st.status().passed() && !before) {
      say(w.glyphs().ok(true) + " " + w.passed(st));
    }
  }

  private boolean passed(StepDefinition d) {
    return engine.session().state(d.id()).map(s -> s.status().passed()).orElse(false);
  }

  private void teaching(StepDefinition d) {
    say(m.get("tui.teach.why", m.get(d.teaching().whyKey())));
    say(m.get("tui.teach.breaks", m.get(d.teaching().breaksKey())));
    say(m.get("tui.teach.undo", m.get(d.teaching().undoKey())));
  }

  private void checks(StepDefinition d) {
    Session s = engine.session();
    say(m.get("plain.checks", w.stepName(d.id())));
    List<CheckResult> results = s.state(d.id()).map(StepState::lastResults).orElse(List.of());
    for (CheckResult r : results) {
      Wrap.lines(w.checkLine(d, r), width - 2, "    ").forEach(l -> out.println("  " + l));
    }
    w.guardLines(d, s, f -> engine.guard(d.id(), f.id()), clock.instant()).forEach(this::say);
    out.flush();
  }

  private void list() {
    Session s = engine.session();
    Optional<String> current = WizardFlow.current(s).map(StepState::stepId);
    say(m.get("plain.steps.heading"));
    for (StepDefinition d : w.steps()) {
      StepState st = s.state(d.id()).orElseThrow();
      boolean isCurrent = current.map(d.id()::equals).orElse(false);
      String skip = st.skip().map(k -> " (" + k.text() + ")").orElse("");
      say(
          "  "
              + w.glyphs().step(st.status(), isCurrent).strip()
              + " "
              + m.get("plain.steps.line", d.order(), m.get(d.titleKey()), w.statusWord(st.status()))
              + skip);
    }
  }

  private void help(StepDefinition d) {
    say(m.get("plain.help.step", d.order(), m.get(d.titleKey())));
    teaching(d);
    say(m.get("plain.help"));
  }

  /** Writes the Markdown report (the same as the wizard's and {@code hermes-harden report}). */
  private Optional<Path> report(boolean last) {
    try {
      ReportAssembly.Written written =
          ReportAssembly.writeMarkdown(
              m, engine, engine.context().clientAddress(), clock.instant());
      Path p = written.path();
      ReportModel.Summary sum = written.summary();
      say(
          m.get(
              last ? "plain.done" : "plain.report",
              sum.verified(),
              sum.skipped(),
              w.steps().size(),
              p.toString()));
      return Optional.of(p);
    } catch (IOException | RuntimeException e) {
      say(
          m.get(
              "tui.error.internal", e.getClass().getSimpleName(), String.valueOf(e.getMessage())));
      return Optional.empty();
    }
  }

  private void finish() {
    out.println();
    report(true);
  }

  private PlainListener listener() {
    PlainListener l = new PlainListener(w, out, prompt, width);
    terminal.handle(Terminal.Signal.INT, s -> l.interrupt());
    return l;
  }

  /** One paragraph, wrapped to the terminal's width. */
  private void say(String text) {
    Wrap.lines(text, width, "").forEach(out::println);
    out.flush();
  }
}
