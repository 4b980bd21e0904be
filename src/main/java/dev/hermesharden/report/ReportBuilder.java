package dev.hermesharden.report;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.AppliedChange;
import dev.hermesharden.engine.FileChange;
import dev.hermesharden.engine.Session;
import dev.hermesharden.engine.SkipReason;
import dev.hermesharden.engine.StepState;
import dev.hermesharden.engine.StepStatus;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Evidence;
import dev.hermesharden.model.Sha256;
import dev.hermesharden.report.ReportModel.ChangeItem;
import dev.hermesharden.report.ReportModel.CheckItem;
import dev.hermesharden.report.ReportModel.EvidenceItem;
import dev.hermesharden.report.ReportModel.FileItem;
import dev.hermesharden.report.ReportModel.NextItem;
import dev.hermesharden.report.ReportModel.SkipItem;
import dev.hermesharden.report.ReportModel.StepReport;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.Severity;
import dev.hermesharden.steps.StepDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the {@link ReportModel} from the saved session, the step definitions, the live results of
 * an audit run just now ({@code live}: step id → results) and the host (for facts and for the diffs
 * backup → current). Free text that came from the host or the admin passes the {@link Redactor};
 * commands and paths are kept exactly as they ran, diffs are masked by {@link Redactor#diff}.
 *
 * <p>Caveat: it reads the host (backups, current files); it never writes.
 */
public final class ReportBuilder {
  private final Messages m;
  private final Redactor r;

  public ReportBuilder(Messages m, Redactor redactor) {
    this.m = m;
    this.r = redactor;
  }

  public ReportModel build(
      Session s,
      List<StepDefinition> defs,
      Map<String, List<CheckResult>> live,
      Host host,
      HostFactsReader.Facts facts,
      String tool,
      Instant now) {
    List<StepReport> steps = new ArrayList<>();
    int verified = 0;
    int skipped = 0;
    int passed = 0;
    int total = 0;
    for (StepDefinition d : defs) {
      StepState st = s.state(d.id()).orElse(StepState.locked(d.id(), now));
      List<CheckResult> results = live.getOrDefault(d.id(), st.lastResults());
      boolean allOk = !results.isEmpty() && results.stream().allMatch(c -> c.status().satisfied());
      String outcome =
          st.status() == StepStatus.SKIPPED ? "skipped" : allOk ? "verified" : "failing";
      verified += outcome.equals("verified") ? 1 : 0;
      skipped += outcome.equals("skipped") ? 1 : 0;
      total += results.size();
      passed += (int) results.stream().filter(c -> c.status().satisfied()).count();
      steps.add(
          new StepReport(
              d.id(),
              d.order(),
              m.get(d.titleKey()),
              outcome,
              m.get("report.outcome." + outcome),
              st.status().name(),
              results.stream().map(c -> check(c, d)).toList(),
              changes(st, host),
              st.skip().map(k -> skip(k, d))));
    }
    List<EvidenceItem> evidence = s.evidence().stream().map(this::evidence).toList();
    List<NextItem> next =
        Checklist.load().stream()
            .map(
                i ->
                    new NextItem(
                        i.id(),
                        i.period(),
                        i.automated(),
                        m.get("report.next." + i.id()),
                        i.checks()))
            .toList();
    return new ReportModel(
        ReportModel.VERSION,
        tool,
        now,
        s.id(),
        new ReportModel.HostFacts(
            s.hostName(),
            s.practice(),
            facts.os(),
            facts.openssh(),
            s.answers().adminUser(),
            m.get(
                "report.connection." + s.answers().get("private-path.kind").orElse("tailscale"),
                s.answers().get("private-path.cidr").orElse("")),
            facts.clientAddress()),
        new ReportModel.Summary(verified, skipped, defs.size() - verified - skipped, passed, total),
        steps,
        evidence,
        List.of(
            m.get("report.todo.console"),
            m.get("report.todo.keys-offsite"),
            m.get("report.todo.restore-test")),
        next);
  }

  private CheckItem check(CheckResult c, StepDefinition d) {
    Map<String, String> details = new TreeMap<>();
    c.details().forEach((k, v) -> details.put(k, r.redact(v)));
    String key = "check." + c.checkId() + ".title";
    Optional<CheckRef> ref =
        d.checks().stream().filter(x -> x.id().equals(c.checkId())).findFirst();
    Severity severity = ref.map(CheckRef::severity).orElse(Severity.MEDIUM);
    String fix = ref.flatMap(CheckRef::fix).orElse("");
    String fixKey = "fix." + fix + ".title";
    return new CheckItem(
        c.checkId(),
        m.has(key) ? m.get(key) : c.checkId(),
        severity.id(),
        m.get("severity." + severity.id()),
        c.status().name(),
        m.get("status." + c.status().name().toLowerCase(Locale.ROOT)),
        c.reason().key(),
        r.redact(m.get(c.reason())),
        fix,
        fix.isEmpty() ? "" : m.has(fixKey) ? m.get(fixKey) : fix,
        details);
  }

  private List<ChangeItem> changes(StepState st, Host host) {
    List<ChangeItem> out = new ArrayList<>();
    for (AppliedChange c : st.changes()) {
      String key = "fix." + c.fixId() + ".title";
      out.add(
          new ChangeItem(
              c.fixId(),
              m.has(key) ? m.get(key) : c.fixId(),
              c.at(),
              c.argvRun(), // as they ran: a command line is never masked
              c.files().stream().map(f -> file(f, host)).toList()));
    }
    return out;
  }

  private FileItem file(FileChange f, Host host) {
    Optional<String> current = Optional.empty();
    Optional<String> before = Optional.empty();
    try {
      current = host.readFile(f.path());
      before = f.created() ? Optional.of("") : host.readFile(f.backupPath());
    } catch (HostException | RuntimeException e) {
      // an unreadable side leaves the diff empty; paths and hashes still tell what happened
    }
    boolean matches = current.map(Sha256::hex).filter(f.sha256After()::equals).isPresent();
    String diff =
        current.isPresent() && before.isPresent()
            ? Redactor.diff(f.path(), before.get(), current.get(), f.created())
            : "";
    return new FileItem(
        f.path(),
        Optional.ofNullable(f.backupPath()),
        Optional.ofNullable(f.sha256Before()),
        f.sha256After(),
        matches,
        diff);
  }

  private SkipItem skip(SkipReason k, StepDefinition d) {
    String kind = k.kind().name().toLowerCase(Locale.ROOT);
    return new SkipItem(
        kind, m.get("tui.skip.kind." + kind), r.redact(k.text()), m.get(d.teaching().whyKey()));
  }

  private EvidenceItem evidence(Evidence e) {
    return new EvidenceItem(
        e.kind().id(),
        e.user(),
        e.keyFingerprint(),
        e.serverAddress(),
        e.clientAddress(),
        e.at(),
        e.simulated());
  }
}
