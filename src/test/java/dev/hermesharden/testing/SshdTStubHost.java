package dev.hermesharden.testing;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Test-only: a host that answers {@code sshd -T ...} with fixed output and passes everything else
 * to another host (the practice VPS's sshd is another helper's component).
 */
public final class SshdTStubHost implements Host {
  private final Host inner;
  private final String sshdT;

  public SshdTStubHost(Host inner, String sshdT) {
    this.inner = inner;
    this.sshdT = sshdT;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    if (argv.size() > 1 && argv.get(0).equals("sshd") && argv.get(1).equals("-T")) {
      return new ExecResult(argv, 0, sshdT, "");
    }
    return inner.exec(argv, timeout);
  }

  @Override
  public Optional<String> readFile(String path) throws HostException {
    return inner.readFile(path);
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs) throws HostException {
    inner.writeFile(path, content, attrs);
  }

  @Override
  public void deleteFile(String path) throws HostException {
    inner.deleteFile(path);
  }

  @Override
  public List<String> listDirectory(String path) throws HostException {
    return inner.listDirectory(path);
  }

  @Override
  public boolean simulated() {
    return inner.simulated();
  }

  @Override
  public String name() {
    return inner.name();
  }
}
