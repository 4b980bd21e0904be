package dev.hermesharden.report;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.WizardFlow;
import dev.hermesharden.host.Host;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.steps.StepDefinition;
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

  /**
   * A session nobody started, never saved: every step as the live audit finds it, nothing applied,
   * skipped or proven (a report right after {@code audit}).
   */
  public static Session unsaved(
      List<StepDefinition> steps, Answers answers, String hostName, boolean practice, Instant at) {
    return WizardFlow.start(steps, answers, "none", hostName, practice, at);
  }
}
