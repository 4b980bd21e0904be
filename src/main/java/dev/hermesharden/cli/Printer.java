package dev.hermesharden.cli;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.GuardDecision;
import dev.hermesharden.engine.Missing;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.StepDefinition;
import java.io.PrintWriter;
import java.util.Locale;

/** Turns engine values into localised lines for the line-oriented commands. */
final class Printer {
  private final Messages m;
  private final PrintWriter out;

  Printer(Messages m, PrintWriter out) {
    this.m = m;
    this.out = out;
  }

  void stepHeader(StepDefinition step) {
    out.println(m.get("cli.step.header", step.order(), step.id(), m.get(step.titleKey())));
  }

  void results(Iterable<CheckResult> results) {
    for (CheckResult r : results) {
      out.printf(
          "  %-9s %-36s %s%n",
          m.get("status." + r.status().name().toLowerCase(Locale.ROOT)),
          r.checkId(),
          m.get(r.reason()));
    }
  }

  void state(StepState st) {
    out.println(
        m.get(
            "cli.step.state",
            st.stepId(),
            m.get("state." + st.status().name().toLowerCase(Locale.ROOT))));
    results(st.lastResults());
  }

  void refusal(GuardDecision.Refused refused) {
    out.println("  " + m.get("cli.guard.refused"));
    for (Missing missing : refused.missing()) {
      out.println("  - " + m.get(missing.why()));
      out.println("    " + m.get(missing.how()));
    }
  }

  /** What happened to the revert jobs a resumed (or lost) session had armed. */
  void reverts(dev.hermesharden.engine.ResumeReport r) {
    for (var rv : r.reverts()) {
      String line = m.get("revert.resume." + rv.state().name(), rv.id(), rv.stepId());
      out.println(rv.knownToSession() ? line : m.get("revert.resume.orphan", rv.id(), line));
    }
    r.problem().ifPresent(p -> out.println(m.get(p)));
    out.flush();
  }
}
