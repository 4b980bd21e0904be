package dev.hermesharden.host;

import java.util.List;

/**
 * What one command did: its argv, exit code and captured output.
 *
 * <p>Output is captured as text (UTF-8); a host may cut very long output, see {@link Host}.
 */
public record ExecResult(List<String> argv, int exitCode, String stdout, String stderr) {
  public ExecResult {
    argv = List.copyOf(argv);
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /** The argv as one line for logs and plans; never executed as a shell string. */
  public String commandLine() {
    return ShellQuoting.join(argv);
  }
}
