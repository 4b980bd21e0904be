package dev.hermesharden.engine;

import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.time.Duration;
import java.time.Instant;

/**
 * How a host keeps a revert job waiting and runs it: the one part of confirm-or-revert that differs
 * between a real server ({@link HostRevertLauncher}: a systemd timer or a detached sleeper) and the
 * practice VPS (a simulated timer the engine fires when it is due). {@link RevertArmer} does the
 * rest the same way everywhere: backups, the script, the {@code .disarmed} marker, the log. Every
 * method gets the host to run its commands on, so they are logged like any other.
 */
public interface RevertLauncher {
  /**
   * Starts the job that runs {@code script} after {@code window}.
   *
   * @return the mechanism, saved with the job ({@link ArmedRevert#mechanism()})
   */
  String start(Host host, RevertArmer armer, String id, String script, Duration window)
      throws HostException, RevertException;

  /** Stops a waiting job; its {@code .disarmed} marker is already written. */
  void stop(Host host, RevertArmer armer, ArmedRevert job) throws HostException;

  /** Runs the revert now in the foreground; the waiting job was stopped first. */
  void runNow(Host host, RevertArmer armer, ArmedRevert job) throws HostException;

  /** Whether the job still waits on the host (it neither fired nor was disarmed). */
  boolean waiting(Host host, RevertArmer armer, ArmedRevert job) throws HostException;

  /**
   * Whether the engine must fire the job itself now: true only where the host cannot keep time (the
   * practice VPS), once the deadline has passed.
   */
  default boolean dueNow(ArmedRevert job, Instant now) {
    return false;
  }
}
