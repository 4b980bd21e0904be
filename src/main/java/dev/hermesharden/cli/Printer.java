package dev.hermesharden.cli;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.GuardDecision;
import dev.hermesharden.engine.ResumeReport;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.words.Words;
import java.io.PrintWriter;
import java.util.Locale;

/** Turns engine values into localised lines for the line-oriented commands. */
final class Printer {
  private final Messages m;
  private final PrintWriter out;
  private final Words w;

  Printer(Messages m, PrintWriter out, Words w) {
    this.m = m;
    this.out = out;
    this.w = w;
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
    w.refusal(refused.missing()).forEach(l -> out.println("  " + l));
  }

  /** What happened to the revert jobs a resumed (or lost) session had armed. */
  void reverts(ResumeReport r) {
    r.reverts().forEach(rv -> out.println(w.revert(rv)));
    r.problem().ifPresent(p -> out.println(w.reason(p)));
    out.flush();
  }
}
