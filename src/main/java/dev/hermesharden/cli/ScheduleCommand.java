package dev.hermesharden.cli;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.report.ReviewSchedule;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code schedule install|remove|status}: the monthly review timer. On a host without systemd it
 * says so, changes nothing and exits 0 (there is nothing wrong to fix: the review can still be run
 * by hand or from cron). A failing systemctl exits 3.
 */
@Command(name = "schedule", sortOptions = false)
final class ScheduleCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Parameters(index = "0", paramLabel = "ACTION", descriptionKey = "cli.schedule.param.action")
  String action;

  @Option(
      names = "--binary",
      paramLabel = "PATH",
      defaultValue = ReviewSchedule.DEFAULT_BINARY,
      descriptionKey = "cli.schedule.option.binary")
  String binary;

  @Override
  public Integer call() throws Exception {
    Setup setup = root.setup();
    var m = setup.messages;
    try {
      if (!List.of("install", "remove", "status").contains(action)) {
        throw new Refusal(ExitCode.USAGE, m.get("cli.schedule.bad-action", action));
      }
      if (!binary.startsWith("/")) {
        throw new Refusal(ExitCode.USAGE, m.get("cli.schedule.binary-absolute", binary));
      }
      Host host = setup.host("cli.needs-root.schedule");
      ReviewSchedule schedule = new ReviewSchedule(host);
      if (!schedule.systemd()) {
        setup.out.println(m.get("cli.schedule.no-systemd"));
        return ExitCode.OK.code();
      }
      List<ExecResult> failed = List.of();
      switch (action) {
        case "install" -> failed = schedule.install(binary);
        case "remove" -> failed = schedule.remove();
        default -> {
          ReviewSchedule.Status s = schedule.status();
          setup.out.println(
              m.get(
                  s.installed()
                      ? (s.enabled() && s.active()
                          ? "cli.schedule.status.on"
                          : "cli.schedule.status.off")
                      : "cli.schedule.status.none",
                  ReviewSchedule.TIMER));
          return ExitCode.OK.code();
        }
      }
      setup.persist();
      for (ExecResult r : failed) {
        setup.err.println(
            m.get("cli.schedule.failed", r.commandLine(), r.exitCode(), r.stderr().strip()));
      }
      if (!failed.isEmpty()) {
        return ExitCode.FINDINGS.code();
      }
      setup.out.println(
          m.get(
              action.equals("install") ? "cli.schedule.installed" : "cli.schedule.removed",
              ReviewSchedule.TIMER,
              ReviewSchedule.UNIT_DIR));
      return ExitCode.OK.code();
    } catch (Refusal r) {
      setup.err.println(r.getMessage());
      return r.code().code();
    }
  }
}
