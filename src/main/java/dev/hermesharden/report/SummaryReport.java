package dev.hermesharden.report;

import dev.hermesharden.engine.AppliedChange;
import dev.hermesharden.engine.FileChange;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.steps.StepDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The closing summary of a wizard run as Markdown: each step's outcome, the proofs recorded, every
 * change with its backup, the skipped steps with the admin's reason and the risk left, and what is
 * left to do by hand. Pure: it only reads the session, so it can be rendered at any time.
 *
 * <p>Caveat: it reports what the session recorded; it does not re-check the host.
 */
public final class SummaryReport {
  private static final List<String> MANUAL =
      List.of("report.todo.console", "report.todo.keys-offsite", "report.todo.restore-test");

  private final Messages m;
  private final StringBuilder md = new StringBuilder();

  private SummaryReport(Messages m) {
    this.m = m;
  }

  /** Renders the report; {@code now} is the time printed in its head. */
  public static String render(
      Session session, List<StepDefinition> steps, Messages m, Instant now) {
    return new SummaryReport(m).build(session, steps, now);
  }

  private String build(Session s, List<StepDefinition> steps, Instant now) {
    line("# " + m.get("report.title", s.hostName()));
    line("");
    line(m.get("report.generated", now.toString()));
    if (s.practice()) {
      line("");
      line("> " + m.get("report.practice"));
    }
    heading("report.section.steps");
    for (StepDefinition d : steps) {
      StepState st = s.state(d.id()).orElse(StepState.locked(d.id(), now));
      line("- " + m.get("report.step", d.order(), m.get(d.titleKey()), outcome(st.status())) + "");
    }
    evidence(s);
    changes(s, steps);
    skipped(s, steps);
    heading("report.section.todo");
    MANUAL.forEach(k -> line("- [ ] " + m.get(k)));
    return md.toString();
  }

  private void evidence(Session s) {
    heading("report.section.evidence");
    if (s.evidence().isEmpty()) {
      line(m.get("report.none"));
    }
    for (Evidence e : s.evidence()) {
      String label = e.simulated() ? " " + m.get("report.simulated") : "";
      line(
          "- "
              + m.get(
                  "report.evidence",
                  e.kind().id(),
                  e.user(),
                  e.keyFingerprint(),
                  e.serverAddress(),
                  e.at().toString())
              + label);
    }
  }

  private void changes(Session s, List<StepDefinition> steps) {
    heading("report.section.changes");
    boolean any = false;
    for (StepDefinition d : steps) {
      for (AppliedChange c : s.state(d.id()).map(StepState::changes).orElse(List.of())) {
        any = true;
        line("- " + m.get("report.change", d.order(), c.fixId(), c.at().toString()));
        c.argvRun().forEach(cmd -> line("  - `$ " + cmd + "`"));
        for (FileChange f : c.files()) {
          String backup =
              f.created()
                  ? m.get("report.file.created")
                  : m.get("report.file.backup", f.backupPath());
          line("  - `" + f.path() + "` — " + backup);
        }
      }
    }
    if (!any) {
      line(m.get("report.none"));
    }
  }

  private void skipped(Session s, List<StepDefinition> steps) {
    heading("report.section.skipped");
    boolean any = false;
    for (StepDefinition d : steps) {
      Optional<StepState> st = s.state(d.id()).filter(x -> x.status() == StepStatus.SKIPPED);
      if (st.isEmpty() || st.get().skip().isEmpty()) {
        continue;
      }
      any = true;
      var why = st.get().skip().get();
      line(
          "- "
              + m.get(
                  "report.skip",
                  d.order(),
                  m.get(d.titleKey()),
                  m.get("tui.skip.kind." + why.kind().name().toLowerCase(java.util.Locale.ROOT)),
                  why.text()));
      line("  - " + m.get("report.risk", m.get(d.teaching().whyKey())));
    }
    if (!any) {
      line(m.get("report.none"));
    }
  }

  private String outcome(StepStatus status) {
    return m.get("tui.status." + status.name().toLowerCase(java.util.Locale.ROOT));
  }

  private void heading(String key) {
    line("");
    line("## " + m.get(key));
    line("");
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
