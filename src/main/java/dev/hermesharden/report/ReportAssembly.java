package dev.hermesharden.report;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.engine.WizardFlow;
import dev.hermesharden.host.Host;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.steps.StepDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way a report is put together, for the wizard and for {@code hermes-harden report}: the
 * session, a live audit of every step run just now, the host's facts, redacted for this host. With
 * no saved session the report stands on the live audit alone ({@link #unsaved}).
 */
public final class ReportAssembly {
  private ReportAssembly() {}

  public static ReportModel assemble(
      Messages m,
      Session session,
      List<StepDefinition> steps,
      Map<String, List<CheckResult>> live,
      Host host,
      Optional<String> client,
      Instant at) {
    Redactor redactor = Redactor.forHost(host, session.answers());
    return new ReportBuilder(m, redactor)
        .build(
            session, steps, live, host, HostFactsReader.read(host, client), ToolVersion.text(), at);
  }

  /** A report written by a wizard: where, its Markdown, its summary. */
  public record Written(Path path, String markdown, ReportModel.Summary summary) {}

  /**
   * The wizards' report now (F6, the end, the line mode): the engine's session with a live audit of
   * every step, as Markdown, written 0600 under {@code <state dir>/reports/}.
   */
  public static Written writeMarkdown(
      Messages m, WizardEngine engine, Optional<String> client, Instant at) throws IOException {
    ReportModel model =
        assemble(
            m,
            engine.session(),
            engine.definitions(),
            engine.liveResults(),
            engine.host(),
            client,
            at);
    String md = Reports.MD.render(model, m);
    Path p = ReportWriter.writeDefault(engine.mode().stateDir(), Reports.MD.extension(), md, at);
    return new Written(p, md, model.summary());
  }

  /**
   * A session nobody started, never saved: every step as the live audit finds it, nothing applied,
   * skipped or proven (a report right after {@code audit}).
   */
  public static Session unsaved(
      List<StepDefinition> steps, Answers answers, String hostName, boolean practice, Instant at) {
    return WizardFlow.start(steps, answers, "none", hostName, practice, at);
  }
}
