package dev.hermesharden.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.CheckRunner;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.SkipKind;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.engine.WizardEngine;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.PracticeMode;
import dev.hermesharden.practice.PracticeProver;
import dev.hermesharden.practice.PracticeWorkstation;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.FixRef;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/**
 * The report of a FIXED practice session (fixed clock, fixed session id, fixed tool string; the
 * approvals step runs without generating a key, so nothing random is in it) compared byte for byte
 * with {@code src/test/resources/golden/report.md} and {@code report.json}. The session covers
 * every outcome: verified steps, a skipped step, a failing step, proofs, changes with backups.
 *
 * <p>After an intended change, regenerate the golden files (and the examples under docs/examples)
 * with {@code mvn -o test -Dtest=ReportGoldenTest -Dgolden.update=true}, then review the diff.
 */
class ReportGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final Path EXAMPLES = Path.of("docs/examples");
  private static final Instant AT = Instant.parse("2026-03-02T09:30:00Z");

  @TempDir Path state;

  private ReportModel fixedSession() throws Exception {
    Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
    Messages m = Messages.english();
    Catalog catalog = Catalog.standard();
    List<StepDefinition> steps = StepFiles.loadPackaged(catalog, m);
    SimulatedHost vps = SimulatedHost.fresh();
    Optional<String> client = Optional.of(PracticeWorkstation.PUBLIC_ADDRESS);
    WizardEngine engine =
        new WizardEngine(PracticeMode.of(vps, state, clock), steps, catalog, clock);
    engine.startOrResume(
        Answers.EMPTY
            .with(Answers.PUBLIC_KEY, PracticeWorkstation.PUBLIC_KEY)
            .with("session.login-user", "admin")
            .with("approvals.generate-api-key", "no"));
    PracticeProver prover = new PracticeProver(vps, clock);
    for (StepDefinition step : steps) {
      if (step.id().equals("fail2ban")) {
        engine.skip(step.id(), SkipKind.DONE_ELSEWHERE, "The provider's firewall rate-limits SSH");
        continue;
      }
      if (engine.session().steps().stream()
          .anyMatch(x -> x.stepId().equals(step.id()) && x.status() == StepStatus.LOCKED)) {
        continue; // an earlier step did not pass in this scenario: the report shows it locked
      }
      engine.check(step.id());
      for (FixRef fix : step.fixes()) {
        if (engine.guard(step.id(), fix.id())
            instanceof dev.hermesharden.engine.GuardDecision.Refused no) {
          no.missing().forEach(x -> prove(engine, prover, x.kind()));
        }
        engine.applyFix(step.id(), fix.id());
      }
      for (EvidenceKind kind : step.produces()) {
        if (engine.session().evidence().stream().noneMatch(e -> e.kind() == kind)) {
          prove(engine, prover, kind);
        }
        engine.check(step.id());
      }
    }
    Session s = engine.session();
    Session fixed =
        new Session(
            s.version(),
            "00000000-golden",
            s.hostName(),
            s.practice(),
            s.answers(),
            s.steps(),
            s.evidence(),
            s.log(),
            s.started(),
            s.updated());
    StepContext ctx = new StepContext(fixed.answers(), fixed.evidence(), clock, client);
    Map<String, List<CheckResult>> live = new LinkedHashMap<>();
    CheckRunner runner = new CheckRunner(catalog);
    for (StepDefinition d : steps) {
      live.put(d.id(), runner.run(d.checks(), vps, ctx));
    }
    return new ReportBuilder(m, Redactor.forHost(vps, fixed.answers()))
        .build(
            fixed,
            steps,
            live,
            vps,
            HostFactsReader.read(vps, client),
            "hermes-harden (golden)",
            AT);
  }

  private static void prove(WizardEngine engine, PracticeProver prover, EvidenceKind kind) {
    var attempt = prover.attempt(kind, engine.session().answers());
    engine.recordEvidence(
        attempt
            .evidence()
            .orElseThrow(() -> new AssertionError(kind + ": " + attempt.failureKey())));
  }

  private static void compare(String name, String actual) throws Exception {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertTrue(
        Files.exists(file), "missing golden file " + file + ": run with -Dgolden.update=true");
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
  }

  @Test
  void markdownAndJsonMatchTheGoldenFiles() throws Exception {
    ReportModel model = fixedSession();
    Messages m = Messages.english();
    String md = Reports.MD.render(model, m);
    String json = Reports.JSON.render(model, m);
    assertEquals(1, model.summary().skipped(), "the fixed session skips fail2ban");
    assertTrue(model.summary().failing() >= 1, "and leaves a failing step (approvals' API key)");
    compare("report.md", md);
    compare("report.json", json);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(EXAMPLES.resolve("practice-report.md"), md);
      Files.writeString(EXAMPLES.resolve("practice-report.html"), Reports.HTML.render(model, m));
    }
  }

  @Test
  void htmlIsWellFormedAndSelfContained() throws Exception {
    ReportModel model = fixedSession();
    for (Messages m : List.of(Messages.english(), Messages.forLanguage("de"))) {
      String html = Reports.HTML.render(model, m);
      var f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setExpandEntityReferences(false);
      var doc =
          f.newDocumentBuilder()
              .parse(new InputSource(new StringReader(html.replace("<!DOCTYPE html>", ""))));
      assertEquals("html", doc.getDocumentElement().getTagName());
      assertEquals(1, doc.getElementsByTagName("style").getLength(), "CSS is inline");
      assertEquals(
          model.steps().size(),
          doc.getElementsByTagName("table").getLength(),
          "one table per step");
      // No asset is fetched: no scripts, images, frames, stylesheets, imports or URLs in CSS, and
      // no link leaves the file. (Host text such as a base_url in a diff is escaped text, not a
      // fetch, so the check is on markup, not on the letters "http".)
      for (String banned :
          List.of(
              "<script", "<img", "<iframe", "<link", "<object", "<embed", " src=", "@import",
              "url(")) {
        assertFalse(html.contains(banned), banned + " in the HTML");
      }
      assertFalse(html.matches("(?s).*href=\"(?!#).*"), "only in-page links");
      assertTrue(html.contains("@media print"), "readable printed");
    }
  }

  @Test
  void textFromTheHostIsEscaped() {
    assertEquals("&lt;script&gt;a&amp;b&quot;&#39;", HtmlReport.esc("<script>a&b\"'"));
  }
}
