package dev.hermesharden.engine;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host that notes every command it runs (time, argv, exit code; never output) so the engine can
 * append them to the session log. A command the host could not run is noted with exit code -1.
 */
final class RecordingHost implements Host {
  private final Host inner;
  private final Clock clock;
  private final List<JournalEntry> pending = new ArrayList<>();

  RecordingHost(Host inner, Clock clock) {
    this.inner = inner;
    this.clock = clock;
  }

  /** The commands run since the last call, oldest first. */
  synchronized List<JournalEntry> drain() {
    List<JournalEntry> out = List.copyOf(pending);
    pending.clear();
    return out;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    try {
      ExecResult r = inner.exec(argv, timeout);
      note(argv, r.exitCode());
      return r;
    } catch (HostException | RuntimeException e) {
      note(argv, -1);
      throw e;
    }
  }

  private synchronized void note(List<String> argv, int exitCode) {
    pending.add(new JournalEntry(clock.instant(), argv, exitCode));
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
