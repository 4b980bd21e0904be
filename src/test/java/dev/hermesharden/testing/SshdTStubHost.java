package dev.hermesharden.testing;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.time.Duration;
import java.util.List;

/**
 * Test-only: a host that answers {@code sshd -T ...} with fixed output and passes everything else
 * to another host (the practice VPS's sshd is another helper's component).
 */
public final class SshdTStubHost extends ForwardingHost {
  private final String sshdT;

  public SshdTStubHost(Host inner, String sshdT) {
    super(inner);
    this.sshdT = sshdT;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    if (argv.size() > 1 && argv.get(0).equals("sshd") && argv.get(1).equals("-T")) {
      return new ExecResult(argv, 0, sshdT, "");
    }
    return inner.exec(argv, timeout);
  }
}
