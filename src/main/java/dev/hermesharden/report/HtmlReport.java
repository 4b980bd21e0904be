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
 * The report as one self-contained HTML file: inline CSS (with print rules), no scripts, no images,
 * no links to anything outside the file. Written as well-formed XML (XHTML syntax) so a strict
 * parser can check it; every text is escaped.
 */
public final class HtmlReport {
  private static final String CSS =
      "body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
          + "color:#111}h1{font-size:1.6em}h2{border-bottom:1px solid #999;margin-top:1.6em}"
          + "table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.2em"
          + " .4em;text-align:left;vertical-align:top}pre{background:#f4f4f4;padding:.5em;"
          + "overflow-x:auto;white-space:pre-wrap;font-size:.85em}code{font-size:.9em}"
          + ".PASS,.verified{color:#075e07}.FAIL,.ERROR,.failing{color:#a00000;font-weight:bold}"
          + ".skipped,.SKIPPED,.NOT_APPLICABLE{color:#6a4a00}.note{border-left:4px solid #c90;"
          + "padding-left:.6em}@media print{body{margin:0;max-width:none;font-size:11pt}"
          + "pre{white-space:pre-wrap;page-break-inside:avoid}h2{page-break-after:avoid}}";

  private final Messages m;
  private final StringBuilder h = new StringBuilder();

  private HtmlReport(Messages m) {
    this.m = m;
  }

  public static String render(ReportModel r, Messages m) {
    return new HtmlReport(m).build(r);
  }

  private String build(ReportModel r) {
    var host = r.host();
    String lang = m.locale().getLanguage().isEmpty() ? "en" : m.locale().getLanguage();
    h.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\">\n<head>\n");
    h.append("<meta charset=\"utf-8\"/>\n<title>")
        .append(esc(m.get("report.title", host.name())))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    el("h1", m.get("report.title", host.name()));
    el("p", m.get("report.generated", r.generated().toString()) + " " + r.tool());
    if (host.practice()) {
      h.append("<p class=\"note\">").append(esc(m.get("report.practice"))).append("</p>\n");
    }
    el("h2", m.get("report.section.host"));
    h.append("<ul>\n");
    el("li", m.get("report.host.os", host.os()));
    el("li", m.get("report.host.openssh", host.openssh()));
    el("li", m.get("report.host.admin", host.adminUser(), host.connection()));
    if (!host.clientAddress().isEmpty()) {
      el("li", m.get("report.host.client", host.clientAddress()));
    }
    h.append("</ul>\n");
    el("h2", m.get("report.section.summary"));
    var s = r.summary();
    el(
        "p",
        m.get(
            "report.summary",
            s.verified(),
            s.skipped(),
            s.failing(),
            s.checksPassed(),
            s.checksTotal()));
    h.append("<ul>\n");
    for (StepReport st : r.steps()) {
      h.append("<li><a href=\"#step-").append(esc(st.id())).append("\">");
      h.append(esc(st.order() + " · " + st.title())).append("</a>: ");
      h.append("<span class=\"").append(st.outcome()).append("\">");
      h.append(esc(st.outcomeText())).append("</span></li>\n");
    }
    h.append("</ul>\n");
    el("h2", m.get("report.section.evidence"));
    h.append("<ul>\n");
    if (r.evidence().isEmpty()) {
      el("li", m.get("report.none"));
    }
    for (EvidenceItem e : r.evidence()) {
      String label = e.simulated() ? " " + m.get("report.simulated") : "";
      el(
          "li",
          m.get(
                  "report.evidence",
                  e.kind(),
                  e.user(),
                  e.keyFingerprint(),
                  e.serverAddress(),
                  e.at().toString())
              + label);
    }
    h.append("</ul>\n");
    r.steps().forEach(this::step);
    el("h2", m.get("report.section.todo"));
    h.append("<ul>\n");
    r.manual().forEach(t -> el("li", "☐ " + t));
    h.append("</ul>\n");
    el("h2", m.get("report.section.next"));
    for (String period : List.of("daily", "weekly", "monthly")) {
      el("h3", m.get("report.period." + period));
      h.append("<ul>\n");
      for (NextItem n : r.next()) {
        if (n.period().equals(period)) {
          String by = m.get(n.automated() ? "report.next.by-audit" : "report.next.by-hand");
          h.append("<li>☐ ").append(esc(n.text())).append(" <em>(").append(esc(by));
          h.append(")</em></li>\n");
        }
      }
      h.append("</ul>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private void step(StepReport st) {
    h.append("<h2 id=\"step-").append(esc(st.id())).append("\">");
    h.append(esc(m.get("report.step.plain", st.order(), st.title()))).append(" — ");
    h.append("<span class=\"").append(st.outcome()).append("\">");
    h.append(esc(st.outcomeText())).append("</span></h2>\n");
    h.append("<table>\n<tr>");
    for (String col :
        List.of(
            "report.col.check", "report.col.severity", "report.col.status", "report.col.reason")) {
      el("th", m.get(col));
    }
    h.append("</tr>\n");
    for (CheckItem c : st.checks()) {
      h.append("<tr><td><code>").append(esc(c.id())).append("</code></td>");
      h.append("<td>").append(esc(c.severityText())).append("</td>");
      h.append("<td class=\"").append(c.status()).append("\">").append(esc(c.statusText()));
      h.append("</td><td>").append(esc(c.reason()));
      if (c.remedyShown()) {
        h.append(' ')
            .append(esc(m.get("report.remedy", c.fixTitle(), c.fixId(), st.id()).replace("`", "")));
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (st.skip().isPresent()) {
      var k = st.skip().get();
      el("p", m.get("report.skip.line", k.kindText(), k.reason()).replace("**", ""));
      el("p", m.get("report.risk", k.risk()));
    }
    for (ChangeItem c : st.changes()) {
      el(
          "h3",
          m.get("report.change.fix", c.title(), c.fixId(), c.at().toString()).replace("`", ""));
      h.append("<ul>\n");
      c.commands()
          .forEach(cmd -> h.append("<li><code>$ ").append(esc(cmd)).append("</code></li>\n"));
      for (FileItem f : c.files()) {
        String backup =
            f.backup()
                .map(b -> m.get("report.file.backup", b))
                .orElse(m.get("report.file.created"))
                .replace("`", "");
        h.append("<li><code>").append(esc(f.path())).append("</code> — ").append(esc(backup));
        h.append("<br/>sha256: ").append(esc(f.sha256Before().orElse("-")));
        h.append(" → ").append(esc(f.sha256After()));
        if (!f.currentMatches()) {
          h.append("<br/>").append(esc(m.get("report.file.changed-since")));
        }
        if (!f.diff().isEmpty()) {
          h.append("<pre>").append(esc(f.diff())).append("</pre>");
        }
        h.append("</li>\n");
      }
      h.append("</ul>\n");
    }
  }

  private void el(String tag, String text) {
    h.append('<').append(tag).append('>').append(esc(text)).append("</").append(tag).append(">\n");
  }

  /** Escapes text for element content and attribute values. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append('\uFFFD'); // control characters are not allowed in XML
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
