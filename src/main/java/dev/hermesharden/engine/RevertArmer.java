package dev.hermesharden.engine;

import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.PathTrust;
import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Sha256;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Arms, disarms and inspects host-side revert jobs (see {@link RevertScript}). Arming writes the
 * backups ({@code <stateDir>/backups/revert-<id>-…}, 0600, read back and compared by sha256) and
 * the script ({@code <stateDir>/revert/<id>.sh}, 0700), then has the {@link RevertLauncher} start
 * it ON THE HOST. Disarming first creates {@code <id>.disarmed} (the script checks it before
 * touching anything), then has the launcher stop the job.
 *
 * <p>Caveat: a disarm that races the deadline can lose: the job may already be firing. {@link
 * #status} then says {@code FIRED}, and the caller must treat the change as undone.
 */
public final class RevertArmer {
  private final Host host;
  private final String stateDir;
  private final Clock clock;
  private final RevertLauncher launcher;

  public RevertArmer(Host host, String stateDir, Clock clock, RevertLauncher launcher) {
    this.host = host;
    this.stateDir = stateDir;
    this.clock = clock;
    this.launcher = launcher;
  }

  public String dir() {
    return stateDir + "/revert";
  }

  /** The host the jobs live on (a launcher's commands run here). */
  public Host host() {
    return host;
  }

  /** Backs up every file the plan writes, writes the script and starts the job. */
  public ArmedRevert arm(
      String id,
      String stepId,
      Plan plan,
      List<EvidenceKind> proof,
      Duration window,
      List<FileChange> filesOut)
      throws HostException, RevertException {
    mkdirs();
    List<RevertScript.Restore> restores = new ArrayList<>();
    List<String> created = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (PlannedAction a : plan.actions()) {
      if (!(a instanceof WriteFile w) || seen.contains(w.path())) {
        continue;
      }
      seen.add(w.path());
      if (!(PathTrust.classify(host, w.path()) instanceof PathTrust.RootOnly)) {
        // the script restores by path as root: only where no other account can swap a name
        throw new RevertException("engine.revert.untrusted-path", w.path());
      }
      Charset cs = w.charset();
      Optional<String> now = host.readFile(w.path(), cs);
      if (now.isEmpty()) {
        created.add(w.path());
        filesOut.add(new FileChange(w.path(), null, null, Sha256.hex(w.after(), cs)));
        continue;
      }
      String sha = Sha256.hex(now.get(), cs);
      String backup =
          stateDir
              + "/backups/revert-"
              + id
              + "-"
              + sha.substring(0, 12)
              + "-"
              + w.path().replace('/', '_');
      host.writeFile(backup, now.get(), FileAttrs.mode(0600), cs);
      if (!host.readFile(backup, cs).map(t -> Sha256.hex(t, cs)).filter(sha::equals).isPresent()) {
        throw new RevertException("engine.revert.backup-failed", w.path(), backup);
      }
      FileStat st =
          host.lstat(w.path())
              .orElseThrow(
                  () ->
                      new HostException(
                          HostException.Kind.IO, "stat " + w.path() + ": gone while arming"));
      restores.add(
          new RevertScript.Restore(w.path(), backup, sha, st.owner(), st.group(), st.mode()));
      filesOut.add(new FileChange(w.path(), backup, sha, Sha256.hex(w.after(), cs)));
    }
    String script = dir() + "/" + id + ".sh";
    String what = "step " + stepId + ", fix " + plan.fixId() + ", armed " + clock.instant();
    host.writeFile(
        script,
        RevertScript.render(id, dir(), what, restores, created, plan.revert()),
        FileAttrs.mode(0700));
    Instant armedAt = clock.instant();
    String mechanism = launcher.start(host, this, id, script, window);
    return new ArmedRevert(
        id,
        stepId,
        plan.fixId(),
        proof,
        script,
        mechanism,
        armedAt,
        armedAt.plus(window),
        Optional.empty(),
        RevertState.ARMED,
        filesOut,
        plan.revert());
  }

  private void mkdirs() throws HostException, RevertException {
    ExecResult mk =
        host.exec(
            List.of("install", "-d", "-m", "0700", stateDir, stateDir + "/backups", dir()),
            Host.DEFAULT_TIMEOUT);
    if (!mk.ok()) {
      throw new RevertException("engine.revert.arm-failed", dir(), mk.stderr().strip());
    }
  }

  /** Stops the job before it fires. @return DISARMED, or FIRED when it had fired already */
  public RevertState disarm(ArmedRevert a) throws HostException {
    host.writeFile(
        dir() + "/" + a.id() + ".disarmed", clock.instant() + "\n", FileAttrs.mode(0600));
    launcher.stop(host, this, a);
    return fired(a) ? RevertState.FIRED : RevertState.DISARMED;
  }

  /** Runs the script now, in the foreground (the apply failed), then stops the timer. */
  public void fireNow(ArmedRevert a) throws HostException {
    // Stop the waiting job first (marker + stop), then the launcher takes the marker away again so
    // the foreground run reverts; a job that fired meanwhile did the same work (idempotent).
    disarm(a);
    launcher.runNow(host, this, a);
  }

  /** The state of a job known only by its id (its state file entry was lost). */
  public RevertState statusById(String id) throws HostException {
    String log = host.readFile(dir() + "/" + id + ".log").orElse("");
    if (log.contains(" firing:")) {
      return RevertState.FIRED;
    }
    if (host.readFile(dir() + "/" + id + ".disarmed").isPresent()) {
      return RevertState.DISARMED;
    }
    Optional<String> pid = pid(id);
    if (pid.isPresent() && runsScript(pid.get(), dir() + "/" + id + ".sh")) {
      return RevertState.ARMED;
    }
    ExecResult r = host.exec("systemctl", "is-active", "hermes-harden-revert-" + id + ".timer");
    return r.stdout().strip().equals("active") ? RevertState.ARMED : RevertState.GONE;
  }

  /**
   * What the host says about the job now. Where the host cannot keep time (the practice VPS) a job
   * past its deadline is fired here.
   */
  public RevertState status(ArmedRevert a, Instant now) throws HostException {
    if (fired(a)) {
      return RevertState.FIRED;
    }
    if (host.readFile(dir() + "/" + a.id() + ".disarmed").isPresent()) {
      return RevertState.DISARMED;
    }
    if (launcher.dueNow(a, now)) {
      fireNow(a);
      return RevertState.FIRED;
    }
    return launcher.waiting(host, this, a) ? RevertState.ARMED : RevertState.GONE;
  }

  /** Whether the job's log says it fired. */
  public boolean fired(ArmedRevert a) throws HostException {
    return host.readFile(dir() + "/" + a.id() + ".log")
        .map(l -> l.contains(" firing:"))
        .orElse(false);
  }

  /** The ids of every revert script on the host (to report jobs a lost state file knew of). */
  public List<String> scripts() throws HostException {
    return host.listDirectory(dir()).stream()
        .filter(n -> n.endsWith(".sh"))
        .map(n -> n.substring(0, n.length() - 3))
        .toList();
  }

  /** The pid a setsid job recorded, if any. */
  Optional<String> pid(String id) throws HostException {
    return host.readFile(dir() + "/" + id + ".pid")
        .map(String::strip)
        .filter(p -> p.matches("\\d{1,10}"));
  }

  /** The pid is the script's own shell: its command line names the script (NUL-separated). */
  boolean runsScript(String pid, String script) throws HostException {
    Optional<String> cmdline = host.readFile("/proc/" + pid + "/cmdline");
    return cmdline.isPresent() && List.of(cmdline.get().split("\0")).contains(script);
  }
}
