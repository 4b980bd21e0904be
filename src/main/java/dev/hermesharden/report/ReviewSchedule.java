package dev.hermesharden.report;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly review as systemd units: a {@code .timer} ({@code OnCalendar=monthly}, {@code
 * Persistent=true}, so a month missed while the server was off runs at the next boot) and a oneshot
 * {@code .service} running {@code hermes-harden review}. Installed, removed and inspected only
 * through the {@link Host}, so the practice VPS shows exactly what a real server would get.
 *
 * <p>Caveat: a host without systemd ({@code /run/systemd/system} missing, e.g. a container) gets
 * nothing; the caller says so.
 */
public final class ReviewSchedule {
  public static final String UNIT_DIR = "/etc/systemd/system";
  public static final String SERVICE = "hermes-harden-review.service";
  public static final String TIMER = "hermes-harden-review.timer";
  public static final String DEFAULT_BINARY = "/usr/local/bin/hermes-harden";

  /** Where the timer stands. */
  public record Status(boolean systemd, boolean installed, boolean enabled, boolean active) {}

  private final Host host;

  public ReviewSchedule(Host host) {
    this.host = host;
  }

  /** Whether systemd runs this host (the test {@code sd_booted()} makes). */
  public boolean systemd() throws HostException {
    return host.stat("/run/systemd/system").isPresent();
  }

  /** The service unit; {@code binary} is the absolute path of the launcher. */
  public static String serviceUnit(String binary) {
    return """
        # Written by hermes-harden (schedule install). Remove with: hermes-harden schedule remove
        [Unit]
        Description=hermes-harden monthly security review
        After=network-online.target
        Wants=network-online.target

        [Service]
        Type=oneshot
        ExecStart=%s review
        Nice=10
        IOSchedulingClass=idle
        """
        .formatted(binary);
  }

  /** The timer unit. */
  public static String timerUnit() {
    return """
        # Written by hermes-harden (schedule install). Remove with: hermes-harden schedule remove
        [Unit]
        Description=Monthly hermes-harden security review

        [Timer]
        OnCalendar=monthly
        Persistent=true
        RandomizedDelaySec=1h

        [Install]
        WantedBy=timers.target
        """;
  }

  /** Writes both units, reloads systemd, enables and starts the timer; returns failed commands. */
  public List<ExecResult> install(String binary) throws HostException {
    host.writeFile(
        UNIT_DIR + "/" + SERVICE, serviceUnit(binary), FileAttrs.of("root", "root", 0644));
    host.writeFile(UNIT_DIR + "/" + TIMER, timerUnit(), FileAttrs.of("root", "root", 0644));
    return failures(
        List.of("systemctl", "daemon-reload"), List.of("systemctl", "enable", "--now", TIMER));
  }

  /** Stops and disables the timer, deletes both units, reloads systemd. */
  public List<ExecResult> remove() throws HostException {
    List<ExecResult> failed = new ArrayList<>();
    if (host.stat(UNIT_DIR + "/" + TIMER).isPresent()) {
      failed.addAll(failures(List.of("systemctl", "disable", "--now", TIMER)));
    }
    host.deleteFile(UNIT_DIR + "/" + TIMER);
    host.deleteFile(UNIT_DIR + "/" + SERVICE);
    failed.addAll(failures(List.of("systemctl", "daemon-reload")));
    return failed;
  }

  public Status status() throws HostException {
    if (!systemd()) {
      return new Status(false, false, false, false);
    }
    boolean installed =
        host.stat(UNIT_DIR + "/" + TIMER).isPresent()
            && host.stat(UNIT_DIR + "/" + SERVICE).isPresent();
    boolean enabled =
        host.exec(List.of("systemctl", "is-enabled", TIMER), Host.DEFAULT_TIMEOUT).ok();
    boolean active = host.exec(List.of("systemctl", "is-active", TIMER), Host.DEFAULT_TIMEOUT).ok();
    return new Status(true, installed, installed && enabled, installed && active);
  }

  @SafeVarargs
  private List<ExecResult> failures(List<String>... commands) throws HostException {
    List<ExecResult> failed = new ArrayList<>();
    for (List<String> argv : commands) {
      ExecResult r = host.exec(argv, Host.DEFAULT_TIMEOUT);
      if (!r.ok()) {
        failed.add(r);
      }
    }
    return failed;
  }
}
