package dev.hermesharden.cli;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.engine.CheckRunner;
import dev.hermesharden.engine.JournalLoad;
import dev.hermesharden.engine.RunMode;
import dev.hermesharden.engine.Session;
import dev.hermesharden.host.Host;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.report.ReportAssembly;
import dev.hermesharden.report.ReportModel;
import dev.hermesharden.report.ReportWriter;
import dev.hermesharden.report.Reports;
import dev.hermesharden.steps.StepDefinition;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code report [--format md|json|html] [-o FILE]}: the saved session plus a live audit, written
 * 0600 (default {@code <state dir>/reports/summary-<time>.<ext>}); prints the path. Read-only on
 * the host. With no saved session (e.g. right after {@code audit}) the report stands on the live
 * audit alone.
 */
@Command(name = "report", sortOptions = false)
final class ReportCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "md",
      descriptionKey = "cli.report.option.format")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      descriptionKey = "cli.report.option.output")
  Path output;

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    var m = setup.messages;
    try {
      Reports kind = format(setup);
      RunMode mode = setup.mode("cli.needs-root.audit");
      Host host = mode.host();
      List<StepDefinition> steps = setup.steps();
      Session session;
      if (setup.journal().load() instanceof JournalLoad.Loaded loaded) {
        session = loaded.session();
      } else {
        setup.err.println(m.get("cli.report.live-only"));
        session =
            ReportAssembly.unsaved(
                steps, setup.baseAnswers(), host.name(), mode.practice(), setup.clock.instant());
      }
      StepContext ctx = setup.savedContext();
      CheckRunner runner = new CheckRunner(setup.catalog);
      Map<String, List<CheckResult>> live = new LinkedHashMap<>();
      for (StepDefinition d : steps) {
        live.put(d.id(), runner.run(d.checks(), host, ctx));
      }
      ReportModel model =
          ReportAssembly.assemble(
              m, session, steps, live, host, setup.clientAddress(), setup.clock.instant());
      String text = kind.render(model, m);
      Path written =
          output != null
              ? ReportWriter.writeTo(output, text)
              : ReportWriter.writeDefault(
                  setup.stateDir(), kind.extension(), text, setup.clock.instant());
      setup.out.println(m.get("cli.report.written", written.toString()));
      return ExitCode.OK.code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }

  private Reports format(Setup setup) throws Refusal {
    try {
      return Reports.of(format);
    } catch (IllegalArgumentException e) {
      throw new Refusal(ExitCode.USAGE, setup.messages.get("cli.report.bad-format", format));
    }
  }
}
