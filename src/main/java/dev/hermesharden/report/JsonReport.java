package dev.hermesharden.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.report.ReportModel.ChangeItem;
import dev.hermesharden.report.ReportModel.CheckItem;
import dev.hermesharden.report.ReportModel.FileItem;
import dev.hermesharden.report.ReportModel.StepReport;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON for tools; the shape is documented in {@code docs/report-schema.md} and {@code
 * docs/report.schema.json}. Field names are fixed snake_case written by hand (not derived from the
 * records), so a refactoring cannot change the document silently.
 */
public final class JsonReport {
  private JsonReport() {}

  public static String render(ReportModel r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "hermes-harden-report");
    doc.put("version", r.version());
    doc.put("tool", r.tool());
    doc.put("generated", r.generated().toString());
    doc.put("session", r.sessionId());
    var h = r.host();
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("name", h.name());
    host.put("practice", h.practice());
    host.put("os", h.os());
    host.put("openssh", h.openssh());
    host.put("admin_user", h.adminUser());
    host.put("connection", h.connection());
    host.put("client_address", h.clientAddress());
    doc.put("host", host);
    var s = r.summary();
    doc.put(
        "summary",
        map(
            "verified", s.verified(),
            "skipped", s.skipped(),
            "failing", s.failing(),
            "checks_passed", s.checksPassed(),
            "checks_total", s.checksTotal()));
    List<Object> steps = new ArrayList<>();
    for (StepReport st : r.steps()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", st.id());
      o.put("order", st.order());
      o.put("title", st.title());
      o.put("outcome", st.outcome());
      o.put("session_status", st.sessionStatus());
      o.put("checks", st.checks().stream().map(JsonReport::check).toList());
      o.put("changes", st.changes().stream().map(JsonReport::change).toList());
      o.put(
          "skip",
          st.skip()
              .map(k -> (Object) map("kind", k.kind(), "reason", k.reason(), "risk", k.risk()))
              .orElse(null));
      steps.add(o);
    }
    doc.put("steps", steps);
    doc.put(
        "evidence",
        r.evidence().stream()
            .map(
                e -> {
                  Map<String, Object> o = new LinkedHashMap<>();
                  o.put("kind", e.kind());
                  o.put("user", e.user());
                  o.put("key_fingerprint", e.keyFingerprint());
                  o.put("server_address", e.serverAddress());
                  o.put("client_address", e.clientAddress());
                  o.put("at", e.at().toString());
                  o.put("simulated", e.simulated());
                  return o;
                })
            .toList());
    doc.put("manual", r.manual());
    doc.put(
        "next",
        r.next().stream()
            .map(
                n ->
                    map(
                        "id", n.id(),
                        "period", n.period(),
                        "by", n.automated() ? "audit" : "manual",
                        "text", n.text(),
                        "checks", n.checks()))
            .toList());
    try {
      DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
      pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
      pp.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
      return new ObjectMapper().writer(pp).writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> check(CheckItem c) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", c.id());
    o.put("title", c.title());
    o.put("severity", c.severity());
    o.put("status", c.status());
    o.put("reason_code", c.reasonCode());
    o.put("reason", c.reason());
    o.put("fix", c.fixId().isEmpty() ? null : c.fixId());
    o.put("details", c.details());
    return o;
  }

  private static Map<String, Object> change(ChangeItem c) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("fix", c.fixId());
    o.put("title", c.title());
    o.put("at", c.at().toString());
    o.put("commands", c.commands());
    o.put("files", c.files().stream().map(JsonReport::file).toList());
    return o;
  }

  private static Map<String, Object> file(FileItem f) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("path", f.path());
    o.put("backup", f.backup().orElse(null));
    o.put("sha256_before", f.sha256Before().orElse(null));
    o.put("sha256_after", f.sha256After());
    o.put("current_matches", f.currentMatches());
    o.put("diff", f.diff());
    return o;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> o = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      o.put((String) kv[i], kv[i + 1]);
    }
    return o;
  }
}
