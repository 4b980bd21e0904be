package dev.hermesharden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.engine.CheckRunner;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.steps.CheckRef;
import dev.hermesharden.steps.StepDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code audit}: runs the live checks read-only and reports them; exit 0 all pass, 3 otherwise. */
@Command(name = "audit", sortOptions = false)
final class AuditCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(names = "--step", paramLabel = "ID", descriptionKey = "cli.audit.option.step")
  String stepId;

  @Option(names = "--json", descriptionKey = "cli.audit.option.json")
  boolean json;

  /** One audited check, as printed. */
  /** One check's result with the step file's entry for it (severity, the fix that remedies it). */
  record Row(String step, CheckRef ref, CheckResult result) {}

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    try {
      // Reads only, so a normal user may audit too: what only root may see is SKIPPED and listed.
      Host host = setup.readOnlyHost();
      List<StepDefinition> steps = StepSelection.select(setup, stepId);
      StepContext ctx = setup.savedContext();
      CheckRunner runner =
          setup.unprivileged()
              ? CheckRunner.unprivileged(setup.catalog)
              : new CheckRunner(setup.catalog);
      // Steps are independent when only reading: they run side by side, as do each step's
      // checks; the rows keep the step order.
      List<List<CheckResult>> results =
          runner.runAll(
              steps.stream().map(StepDefinition::checks).toList(),
              host,
              ctx,
              setup.remoteTarget()
                  ? CheckRunner.remoteParallelism()
                  : CheckRunner.defaultParallelism());
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        StepDefinition step = steps.get(i);
        for (CheckResult r : results.get(i)) {
          CheckRef ref =
              step.checks().stream()
                  .filter(c -> c.id().equals(r.checkId()))
                  .findFirst()
                  .orElseThrow(() -> new IllegalStateException("no check " + r.checkId()));
          rows.add(new Row(step.id(), ref, r));
        }
      }
      Optional<Row> unreachable =
          rows.stream()
              .filter(r -> "UNREACHABLE".equals(r.result().details().get(CheckRunner.HOST_ERROR)))
              .findFirst();
      if (unreachable.isPresent()) {
        setup.err.println(
            setup.messages.get(
                "cli.error.unreachable", setup.messages.get(unreachable.get().result().reason())));
        return ExitCode.UNREACHABLE.code();
      }
      if (json) {
        printJson(setup, host, rows);
      } else {
        printTable(setup, rows);
      }
      boolean allPass = rows.stream().allMatch(r -> r.result().status().satisfied());
      return (allPass ? ExitCode.OK : ExitCode.FINDINGS).code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }

  private void printTable(Setup setup, List<Row> rows) {
    var m = setup.messages;
    String fmt = "%-13s %-40s %-7s %s%n";
    setup.out.printf(
        fmt,
        m.get("cli.audit.col.step"),
        m.get("cli.audit.col.check"),
        m.get("cli.audit.col.status"),
        m.get("cli.audit.col.reason"));
    for (Row r : rows) {
      setup.out.printf(
          fmt,
          r.step(),
          r.result().checkId(),
          m.get("status." + r.result().status().name().toLowerCase(Locale.ROOT)),
          m.get(r.result().reason()));
    }
    Map<Status, Integer> counts = counts(rows);
    setup.out.println();
    setup.out.println(
        m.get(
            "cli.audit.summary",
            rows.size(),
            counts.get(Status.PASS),
            counts.get(Status.FAIL),
            counts.get(Status.ERROR),
            counts.get(Status.NOT_APPLICABLE)));
    List<Row> needRoot = needsRoot(rows);
    if (!needRoot.isEmpty()) {
      setup.out.println(m.get("cli.audit.needs-root", needRoot.size()));
      for (Row r : needRoot) {
        setup.out.println(
            "  "
                + m.get(
                    "cli.audit.needs-root.item",
                    r.result().checkId(),
                    r.result().details().get(CheckRunner.NEEDS_ROOT)));
      }
    }
  }

  private static List<Row> needsRoot(List<Row> rows) {
    return rows.stream()
        .filter(r -> r.result().details().containsKey(CheckRunner.NEEDS_ROOT))
        .toList();
  }

  private void printJson(Setup setup, Host host, List<Row> rows) throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 1);
    doc.put("host", host.name());
    doc.put("practice", host.simulated());
    Map<String, Integer> summary = new LinkedHashMap<>();
    counts(rows).forEach((s, n) -> summary.put(s.name().toLowerCase(Locale.ROOT), n));
    doc.put("summary", summary);
    List<Map<String, Object>> checks = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("step", r.step());
      c.put("id", r.result().checkId());
      c.put("severity", r.ref().severity().id());
      c.put("status", r.result().status().name());
      c.put("fix", r.ref().fix().orElse(null));
      Reason reason = r.result().reason();
      c.put("reason", setup.messages.get(reason));
      c.put("reason_key", reason.key());
      c.put("details", r.result().details());
      checks.add(c);
    }
    doc.put("checks", checks);
    doc.put("needs_root", needsRoot(rows).stream().map(r -> r.result().checkId()).toList());
    setup.out.println(
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
  }

  private static Map<Status, Integer> counts(List<Row> rows) {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    rows.forEach(r -> counts.merge(r.result().status(), 1, Integer::sum));
    return counts;
  }
}
