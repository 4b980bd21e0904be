package dev.hermesharden.practice;

import dev.hermesharden.engine.ArmedRevert;
import dev.hermesharden.engine.FileChange;
import dev.hermesharden.engine.HostRevertLauncher;
import dev.hermesharden.engine.RevertArmer;
import dev.hermesharden.engine.RevertException;
import dev.hermesharden.engine.RevertLauncher;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SIMULATED revert jobs on the practice VPS. Started, stopped and asked about like systemd timers
 * ({@link SimRevert} answers {@code systemd-run} and {@code systemctl}), but the practice VPS has
 * no clock and runs no shell: the engine fires a job once its deadline has passed ({@link
 * #dueNow}), and firing does what the script would do through the host API — restore the backups,
 * delete the files the change created, run the revert commands — logged as simulated.
 */
public final class SimulatedRevertLauncher implements RevertLauncher {
  public static final String SIMULATED = "simulated";

  private final HostRevertLauncher timers = new HostRevertLauncher();
  private final Clock clock;

  public SimulatedRevertLauncher(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String start(Host host, RevertArmer armer, String id, String script, Duration window)
      throws HostException, RevertException {
    timers.start(host, armer, id, script, window);
    return SIMULATED;
  }

  @Override
  public void stop(Host host, RevertArmer armer, ArmedRevert job) throws HostException {
    timers.stop(host, armer, job);
  }

  @Override
  public boolean waiting(Host host, RevertArmer armer, ArmedRevert job) throws HostException {
    return timers.waiting(host, armer, job);
  }

  @Override
  public boolean dueNow(ArmedRevert job, Instant now) {
    return !now.isBefore(job.deadline());
  }

  /** The steps of the script, through the host API. */
  @Override
  public void runNow(Host host, RevertArmer armer, ArmedRevert a) throws HostException {
    String logFile = armer.dir() + "/" + a.id() + ".log";
    StringBuilder log = new StringBuilder(host.readFile(logFile).orElse(""));
    log.append(clock.instant()).append(" firing: putting the change back (SIMULATED)\n");
    for (FileChange f : a.files()) {
      if (f.created()) {
        host.deleteFile(f.path());
        log.append("removed ").append(f.path()).append('\n');
      } else {
        Optional<String> b = host.readFile(f.backupPath());
        if (b.isPresent() && Sha256.hex(b.get()).equals(f.sha256Before())) {
          host.writeFile(f.path(), b.get(), FileAttrs.KEEP);
          log.append("restored ").append(f.path()).append('\n');
        } else {
          log.append("FAILED: backup ").append(f.backupPath()).append(" missing or damaged\n");
        }
      }
    }
    for (var c : a.commands()) {
      boolean ok = false;
      for (List<String> argv : c.alternatives()) {
        if (host.exec(argv, Host.DEFAULT_TIMEOUT).ok()) {
          ok = true;
          break;
        }
      }
      log.append(ok ? "ran: " : "FAILED: ").append(String.join(" ", c.alternatives().get(0)));
      log.append('\n');
      if (!ok && c.required()) {
        break;
      }
    }
    log.append("done: reverted (SIMULATED)\n");
    host.writeFile(logFile, log.toString(), FileAttrs.mode(0600));
  }
}
