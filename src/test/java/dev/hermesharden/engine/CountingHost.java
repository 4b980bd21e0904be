package dev.hermesharden.engine;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Wraps a host and remembers every command and write, for asserting what reached the host. */
final class CountingHost extends ForwardingHost {
  final List<List<String>> commands = new ArrayList<>();
  final List<String> writes = new ArrayList<>();

  CountingHost(Host inner) {
    super(inner);
  }

  long count(List<String> argv) {
    return commands.stream().filter(argv::equals).count();
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    commands.add(List.copyOf(argv));
    return inner.exec(argv, timeout);
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs, java.nio.charset.Charset cs)
      throws HostException {
    writes.add(path);
    inner.writeFile(path, content, attrs, cs);
  }

  @Override
  public void deleteFile(String path) throws HostException {
    writes.add("rm " + path);
    inner.deleteFile(path);
  }
}
