package dev.hermesharden.report;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.report.ReportModel.ChangeItem;
import dev.hermesharden.report.ReportModel.CheckItem;
import dev.hermesharden.report.ReportModel.EvidenceItem;
import dev.hermesharden.report.ReportModel.FileItem;
import dev.hermesharden.report.ReportModel.NextItem;
import dev.hermesharden.report.ReportModel.StepReport;
import java.util.List;

/**
 * The report as Markdown for people: host facts, the one-screen summary, each step with its live
 * checks, changes (commands, files, backups, diffs) and skip reason, the proofs, the manual items
 * and what to do next. Pure over the model; the caller redacts the result once more.
 */
public final class MarkdownReport {
  private final Messages m;
  private final StringBuilder md = new StringBuilder();

  private MarkdownReport(Messages m) {
    this.m = m;
  }

  public static String render(ReportModel r, Messages m) {
    return new MarkdownReport(m).build(r);
  }

  private String build(ReportModel r) {
    var h = r.host();
    line("# " + m.get("report.title", h.name()));
    line("");
    line(m.get("report.generated", r.generated().toString()) + " " + r.tool());
    if (h.practice()) {
      line("");
      line("> " + m.get("report.practice"));
    }
    heading("report.section.host");
    line("- " + m.get("report.host.os", h.os()));
    line("- " + m.get("report.host.openssh", h.openssh()));
    line("- " + m.get("report.host.admin", h.adminUser(), h.connection()));
    if (!h.clientAddress().isEmpty()) {
      line("- " + m.get("report.host.client", h.clientAddress()));
    }
    heading("report.section.summary");
    var s = r.summary();
    line(
        m.get(
            "report.summary",
            s.verified(),
            s.skipped(),
            s.failing(),
            s.checksPassed(),
            s.checksTotal()));
    line("");
    for (StepReport st : r.steps()) {
      line("- " + m.get("report.step", st.order(), st.title(), st.outcomeText()));
    }
    heading("report.section.evidence");
    if (r.evidence().isEmpty()) {
      line(m.get("report.none"));
    }
    for (EvidenceItem e : r.evidence()) {
      String label = e.simulated() ? " " + m.get("report.simulated") : "";
      line(
          "- "
              + m.get(
                  "report.evidence",
                  e.kind(),
                  e.user(),
                  e.keyFingerprint(),
                  e.serverAddress(),
                  e.at().toString())
              + label);
    }
    for (StepReport st : r.steps()) {
      step(st);
    }
    heading("report.section.todo");
    r.manual().forEach(t -> line("- [ ] " + t));
    heading("report.section.next");
    for (String period : List.of("daily", "weekly", "monthly")) {
      line("### " + m.get("report.period." + period));
      line("");
      for (NextItem n : r.next()) {
        if (n.period().equals(period)) {
          String by = m.get(n.automated() ? "report.next.by-audit" : "report.next.by-hand");
          line("- [ ] " + n.text() + " _(" + by + ")_");
        }
      }
      line("");
    }
    return md.toString().stripTrailing() + "\n";
  }

  private void step(StepReport st) {
    line("");
    line("## " + m.get("report.step", st.order(), st.title(), st.outcomeText()));
    line("");
    line(
        "| "
            + m.get("report.col.check")
            + " | "
            + m.get("report.col.severity")
            + " | "
            + m.get("report.col.status")
            + " | "
            + m.get("report.col.reason")
            + " |");
    line("|---|---|---|---|");
    for (CheckItem c : st.checks()) {
      String remedy =
          c.remedyShown() ? " " + m.get("report.remedy", c.fixTitle(), c.fixId(), st.id()) : "";
      line(
          "| `"
              + c.id()
              + "` | "
              + c.severityText()
              + " | "
              + c.statusText()
              + " | "
              + cell(c.reason() + remedy)
              + " |");
    }
    if (st.skip().isPresent()) {
      var k = st.skip().get();
      line("");
      line(m.get("report.skip.line", k.kindText(), k.reason()));
      line("");
      line(m.get("report.risk", k.risk()));
    }
    for (ChangeItem c : st.changes()) {
      line("");
      line("### " + m.get("report.change.fix", c.title(), c.fixId(), c.at().toString()));
      line("");
      c.commands().forEach(cmd -> line("- `$ " + cmd + "`"));
      for (FileItem f : c.files()) {
        String backup =
            f.backup()
                .map(b -> m.get("report.file.backup", b))
                .orElse(m.get("report.file.created"));
        line("- `" + f.path() + "` — " + backup);
        line("  - sha256: " + f.sha256Before().orElse("-") + " → " + f.sha256After());
        if (!f.currentMatches()) {
          line("  - " + m.get("report.file.changed-since"));
        }
        if (!f.diff().isEmpty()) {
          line("");
          line("```diff");
          md.append(f.diff().endsWith("\n") ? f.diff() : f.diff() + "\n");
          line("```");
        }
      }
    }
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
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
