package dev.hermesharden.cli;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.watch.WatchBaseline;
import dev.hermesharden.checks.watch.WatchFacts;
import dev.hermesharden.engine.CheckRunner;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.report.ReportWriter;
import dev.hermesharden.report.ReviewRecord;
import dev.hermesharden.steps.StepDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code review}: what the monthly timer runs. Audits every step read-only, keeps the result as
 * {@code <state dir>/reviews/<date>.json} (0600; a second run the same day replaces it), compares
 * it with the newest earlier review and, when a check regressed, writes ONE line to the system log
 * ({@code logger -t hermes-harden}, so {@code journalctl -t hermes-harden} shows it) and exits 3.
 */
@Command(name = "review", sortOptions = false)
final class ReviewCommand implements Callable<Integer> {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  @ParentCommand RootCommand root;

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    var m = setup.messages;
    try {
      Host host = setup.host("cli.needs-root.audit");
      StepContext ctx = setup.savedContext();
      CheckRunner runner = new CheckRunner(setup.catalog);
      Map<String, String> statuses = new LinkedHashMap<>();
      for (StepDefinition step : setup.steps()) {
        for (CheckResult r : runner.run(step.checks(), host, ctx)) {
          statuses.put(r.checkId(), r.status().name());
        }
      }
      ReviewRecord now = new ReviewRecord(setup.clock.instant(), host.name(), statuses);
      Path dir = setup.stateDir().resolve("reviews");
      String name = DAY.format(now.at()) + ".json";
      Optional<ReviewRecord> before = previous(dir, name);
      Path file = ReportWriter.writeTo(dir.resolve(name), now.toJson());
      long ok = statuses.values().stream().filter(s -> s.equals("PASS")).count();
      setup.out.println(m.get("cli.review.saved", file.toString(), ok, statuses.size()));
      boolean drifted = reportDrift(setup, host, ctx);
      ExitCode clean = drifted ? ExitCode.FINDINGS : ExitCode.OK;
      if (before.isEmpty()) {
        setup.out.println(m.get("cli.review.first"));
        return clean.code();
      }
      List<String> worse = now.regressionsSince(before.get());
      if (worse.isEmpty()) {
        setup.out.println(m.get("cli.review.no-regression", before.get().at().toString()));
        return clean.code();
      }
      // The journal line is English on purpose: log tools and colleagues read it alike.
      String line =
          dev.hermesharden.i18n.Messages.english()
              .get(
                  "cli.review.journal",
                  DAY.format(before.get().at()),
                  worse.size(),
                  String.join(", ", worse));
      host.exec(
          List.of("logger", "-t", "hermes-harden", "-p", "auth.warning", line),
          Host.DEFAULT_TIMEOUT);
      setup.persist();
      setup.out.println(m.get("cli.review.regressed", worse.size(), String.join(", ", worse)));
      return ExitCode.FINDINGS.code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }

  /**
   * Lists every line that differs from the watch step's baseline (docs/watch.md) and, when any
   * does, writes ONE line to the system log. Without a baseline there is nothing to compare: the
   * check {@code watch.baseline} already fails then.
   */
  private static boolean reportDrift(Setup setup, Host host, StepContext ctx) throws HostException {
    Optional<WatchBaseline> recorded = host.readFile(WatchBaseline.PATH).map(WatchBaseline::parse);
    if (recorded.isEmpty()) {
      return false;
    }
    List<WatchBaseline.Drift> drift = recorded.get().drift(WatchFacts.gather(host, ctx));
    var m = setup.messages;
    if (drift.isEmpty()) {
      setup.out.println(m.get("cli.review.no-drift"));
      return false;
    }
    setup.out.println(m.get("cli.review.drift", drift.size()));
    drift.forEach(d -> setup.out.println(m.get("cli.review.drift-line", d.line())));
    List<String> keys = drift.stream().limit(5).map(WatchBaseline.Drift::key).toList();
    String line =
        dev.hermesharden.i18n.Messages.english()
            .get(
                "cli.review.journal-drift",
                drift.size(),
                String.join(", ", keys) + (drift.size() > keys.size() ? ", …" : ""));
    host.exec(
        List.of("logger", "-t", "hermes-harden", "-p", "auth.warning", line), Host.DEFAULT_TIMEOUT);
    setup.persist();
    return true;
  }

  /** The newest review saved under another name (an earlier day). */
  private static Optional<ReviewRecord> previous(Path dir, String current) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> older =
          files
              .filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.json"))
              .filter(p -> p.getFileName().toString().compareTo(current) < 0)
              .sorted()
              .toList();
      for (int i = older.size() - 1; i >= 0; i--) {
        try {
          return Optional.of(ReviewRecord.parse(Files.readString(older.get(i))));
        } catch (IOException | RuntimeException e) {
          // a damaged old review is skipped; the one before it is compared instead
        }
      }
      return Optional.empty();
    }
  }
}
