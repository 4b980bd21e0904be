package dev.hermesharden.tui;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.JournalEntry;
import dev.hermesharden.engine.Missing;
import dev.hermesharden.engine.ResumeReport;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.StepDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns engine values into the words on the screen: symbol + word + reason, always both. */
final class Texts {
  private final Messages m;
  private final Glyphs g;
  private final List<StepDefinition> steps;

  Texts(Messages m, Glyphs g, List<StepDefinition> steps) {
    this.m = m;
    this.g = g;
    this.steps = steps;
  }

  String statusWord(StepStatus s) {
    return m.get("tui.status." + s.name().toLowerCase(Locale.ROOT));
  }

  String shortName(StepDefinition d) {
    String key = "tui.short." + d.id();
    return m.has(key) ? m.get(key) : m.get(d.titleKey());
  }

  String listItem(StepDefinition d, StepState st, boolean current, int width) {
    String left = g.step(st.status(), current) + " " + d.order() + " " + shortName(d);
    String word = statusWord(st.status());
    int pad = Math.max(1, width - left.length() - word.length());
    if (left.length() + 1 + word.length() > width) {
      left = left.substring(0, Math.max(1, width - word.length() - 1));
    }
    return left + " ".repeat(pad) + word;
  }

  String checkLine(StepDefinition d, CheckResult r) {
    String title =
        d.checks().stream()
            .filter(c -> c.id().equals(r.checkId()))
            .findFirst()
            .map(CheckRef::titleKey)
            .map(k -> m.get(k))
            .orElse(r.checkId());
    String word = m.get("tui.check." + r.status().name().toLowerCase(Locale.ROOT));
    String source = r.details().containsKey("source") ? " (" + r.details().get("source") + ")" : "";
    return g.check(r.status()) + " " + word + ": " + title + " — " + m.get(r.reason()) + source;
  }

  String missing(Missing x) {
    return m.get("tui.guard.missing", kind(x.kind()), m.get(x.why()), m.get(x.how()));
  }

  String kind(EvidenceKind k) {
    return m.get("tui.evidence." + k.id());
  }

  /** "key login as admin, key SHA256:…, 2 min ago": the newest proof of a kind, if any. */
  Optional<String> proof(Session s, EvidenceKind k, Instant now) {
    String user = s.answers().adminUser();
    return s.evidence().stream()
        .filter(e -> e.kind() == k && e.user().equals(user))
        .max(Comparator.comparing(Evidence::at))
        .map(
            e ->
                m.get(
                    "tui.guard.proof",
                    kind(k),
                    e.user(),
                    e.keyFingerprint(),
                    Math.max(0, Duration.between(e.at(), now).toMinutes())));
  }

  String stepName(String id) {
    return steps.stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .map(d -> d.order() + " " + shortName(d))
        .orElse(id);
  }

  String resume(ResumeReport r) {
    List<String> out = new ArrayList<>();
    out.add(m.get("tui.resume.intro"));
    for (ResumeReport.Recheck c : r.rechecked()) {
      String was = statusWord(c.before());
      String now = statusWord(c.after());
      out.add(
          g.ok(c.after().passed())
              + " "
              + (c.changed()
                  ? m.get("tui.resume.changed", stepName(c.stepId()), was, now)
                  : m.get("tui.resume.same", stepName(c.stepId()), now)));
    }
    if (r.rechecked().isEmpty()) {
      out.add(m.get("tui.resume.nothing"));
    }
    for (String id : r.relocked()) {
      out.add(m.get("tui.resume.relocked", stepName(id)));
    }
    for (var rv : r.reverts()) {
      String line = m.get("revert.resume." + rv.state().name(), rv.id(), rv.stepId());
      out.add(rv.knownToSession() ? line : m.get("revert.resume.orphan", rv.id(), line));
    }
    return String.join("\n", out);
  }

  String log(Session s) {
    if (s.log().isEmpty()) {
      return m.get("tui.log.empty");
    }
    StringBuilder sb = new StringBuilder();
    for (JournalEntry e : s.log()) {
      sb.append(e.at())
          .append("  ")
          .append(m.get("tui.log.exit", e.exitCode()))
          .append("  $ ")
          .append(String.join(" ", e.argv()))
          .append('\n');
    }
    return sb.toString();
  }
}
