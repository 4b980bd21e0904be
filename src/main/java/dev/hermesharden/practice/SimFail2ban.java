package dev.hermesharden.practice;

import dev.hermesharden.host.ExecResult;
import java.util.List;
import java.util.Optional;

/** Part of the practice VPS; see {@link SimComponent}. */
final class SimFail2ban implements SimComponent {
  @Override
  public void seed(SimFs fs) {}

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    return Optional.empty();
  }
}
