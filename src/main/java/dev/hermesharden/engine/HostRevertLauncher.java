package dev.hermesharden.engine;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Revert jobs on a real server: {@code systemd-run --unit hermes-harden-revert-<id> --on-active=N
 * /bin/sh <script>} where {@code /run/systemd/system} exists and systemd-run works, else {@code
 * setsid -f /bin/sh <script> N} (the script sleeps itself and records its pid). A setsid job is
 * stopped by killing the recorded pid only after {@code /proc/<pid>/cmdline} names the script —
 * never by process name.
 */
public final class HostRevertLauncher implements RevertLauncher {
  public static final String SYSTEMD = "systemd";
  public static final String SETSID = "setsid";

  @Override
  public String start(Host host, RevertArmer armer, String id, String script, Duration window)
      throws HostException, RevertException {
    long secs = Math.max(1, window.toSeconds());
    if (host.stat("/run/systemd/system").isPresent()) {
      ExecResult r =
          host.exec(
              List.of("systemd-run", "--unit", unit(id), "--on-active=" + secs, "/bin/sh", script),
              Host.DEFAULT_TIMEOUT);
      if (r.ok()) {
        return SYSTEMD;
      }
    }
    ExecResult r =
        host.exec(
            List.of("setsid", "-f", "/bin/sh", script, String.valueOf(secs)), Host.DEFAULT_TIMEOUT);
    if (!r.ok()) {
      throw new RevertException("engine.revert.arm-failed", script, r.stderr().strip());
    }
    // The script writes its pid first thing; wait for it so a disarm can find the job.
    for (int i = 0; i < 50; i++) {
      if (armer.pid(id).isPresent()) {
        return SETSID;
      }
      sleep(100);
    }
    throw new RevertException("engine.revert.arm-failed", script, "no pid file");
  }

  @Override
  public void stop(Host host, RevertArmer armer, ArmedRevert job) throws HostException {
    if (job.mechanism().equals(SETSID)) {
      Optional<String> pid = armer.pid(job.id());
      if (pid.isPresent() && armer.runsScript(pid.get(), job.script())) {
        host.exec("kill", "-TERM", pid.get());
        // the job notices at once (or within a second); until it has ended it could still read
        // the marker (fireNow takes it away next) or have logged nothing: wait for it, bounded
        for (int i = 0; i < 50 && armer.runsScript(pid.get(), job.script()); i++) {
          sleep(100);
        }
      }
    } else {
      host.exec("systemctl", "stop", job.unit() + ".timer");
    }
  }

  @Override
  public void runNow(Host host, RevertArmer armer, ArmedRevert job) throws HostException {
    host.deleteFile(armer.dir() + "/" + job.id() + ".disarmed");
    host.exec(List.of("/bin/sh", job.script()), Duration.ofMinutes(2));
  }

  @Override
  public boolean waiting(Host host, RevertArmer armer, ArmedRevert job) throws HostException {
    if (job.mechanism().equals(SETSID)) {
      Optional<String> pid = armer.pid(job.id());
      return pid.isPresent() && armer.runsScript(pid.get(), job.script());
    }
    return host.exec("systemctl", "is-active", job.unit() + ".timer")
        .stdout()
        .strip()
        .equals("active");
  }

  /** The systemd unit name of a job id (timer and service share it). */
  static String unit(String id) {
    return "hermes-harden-revert-" + id;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
