package dev.hermesharden.engine;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A host that notes every command it runs (time, argv, exit code; never output) so the engine can
 * append them to the session log. A command the host could not run is noted with exit code -1.
 */
final class RecordingHost extends ForwardingHost {
  private final Clock clock;
  private final List<JournalEntry> pending = new ArrayList<>();

  RecordingHost(Host inner, Clock clock) {
    super(inner);
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
}
