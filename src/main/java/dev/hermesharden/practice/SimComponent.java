package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import java.util.List;
import java.util.Optional;

/**
 * One part of the practice VPS (users, sshd, ufw, …). A component is stateless: it seeds its files
 * into a fresh VPS and answers the commands it owns in the real tool's output format, reading and
 * changing only the {@link SimFs}.
 */
public interface SimComponent {
  /** Puts this part of a fresh Ubuntu 24.04 cloud VPS into the filesystem. */
  void seed(SimFs fs);

  /**
   * Answers a command when this component owns it ({@code argv.get(0)} and maybe a sub-command),
   * or returns empty to let the next component try.
   */
  Optional<ExecResult> handle(List<String> argv, SimFs fs);

  static ExecResult ok(List<String> argv, String stdout) {
    return new ExecResult(argv, 0, stdout, "");
  }

  static ExecResult fail(List<String> argv, int code, String stderr) {
    return new ExecResult(argv, code, "", stderr);
  }
}
