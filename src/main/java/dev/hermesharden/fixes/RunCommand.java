package dev.hermesharden.fixes;

import dev.hermesharden.host.ShellQuoting;
import java.time.Duration;
import java.util.List;

/**
 * Run one command (argv, never a shell string).
 *
 * @param rollbackOnFailure when the command fails, restore every file this plan wrote so far and
 *     stop (e.g. {@code sshd -t} after writing a drop-in)
 * @param okExitCodes exit codes that count as success (usually just 0)
 */
public record RunCommand(
    List<String> argv, boolean rollbackOnFailure, Duration timeout, List<Integer> okExitCodes)
    implements PlannedAction {
  public RunCommand {
    argv = List.copyOf(argv);
    okExitCodes = List.copyOf(okExitCodes);
  }

  public static RunCommand of(String... argv) {
    return of(List.of(argv));
  }

  public static RunCommand of(List<String> argv) {
    return new RunCommand(argv, false, Duration.ofSeconds(60), List.of(0));
  }

  /** A validation command: failure restores the files written before it and stops the plan. */
  public static RunCommand validate(String... argv) {
    return new RunCommand(List.of(argv), true, Duration.ofSeconds(60), List.of(0));
  }

  public RunCommand withTimeout(Duration t) {
    return new RunCommand(argv, rollbackOnFailure, t, okExitCodes);
  }

  public String commandLine() {
    return ShellQuoting.join(argv);
  }
}
