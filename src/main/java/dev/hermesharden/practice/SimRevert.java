package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import java.util.List;
import java.util.Optional;

/**
 * SIMULATED revert timers on the practice VPS: answers {@code systemd-run --unit U --on-active=N
 * /bin/sh SCRIPT} the way systemd-run does (the two "Running timer as unit" lines on stderr) and
 * keeps the timer as a file under {@code SIM_DIR/revert/U.timer}; {@code systemctl stop U.timer}
 * removes it and {@code systemctl is-active U.timer} reports it. The practice VPS has no clock and
 * runs no shell script: the engine fires a due simulated timer itself (restoring through the host),
 * labelled simulated. Also seeds {@code /run/systemd/system}: the practice VPS is a systemd host
 * like a real Ubuntu cloud VPS.
 */
public final class SimRevert implements SimComponent {
  static final String DIR = SimFs.SIM_DIR + "/revert";
  private static final String PREFIX = "hermes-harden-revert-";

  @Override
  public void seed(SimFs fs) {
    fs.mkdirs("/run/systemd/system");
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    if (argv.get(0).equals("systemd-run") && argv.size() >= 6 && argv.get(1).equals("--unit")) {
      String unit = argv.get(2);
      fs.write(DIR + "/" + unit + ".timer", String.join(" ", argv.subList(3, argv.size())) + "\n");
      return Optional.of(
          new ExecResult(
              argv,
              0,
              "",
              "Running timer as unit: "
                  + unit
                  + ".timer\nWill run service as unit: "
                  + unit
                  + ".service\n"));
    }
    if (argv.get(0).equals("systemctl")
        && argv.size() == 3
        && argv.get(2).startsWith(PREFIX)
        && argv.get(2).endsWith(".timer")) {
      String file = DIR + "/" + argv.get(2);
      return switch (argv.get(1)) {
        case "stop" -> {
          fs.delete(file);
          yield Optional.of(SimComponent.ok(argv, ""));
        }
        case "is-active" ->
            Optional.of(
                fs.exists(file)
                    ? SimComponent.ok(argv, "active\n")
                    : new ExecResult(argv, 3, "inactive\n", ""));
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }
}
