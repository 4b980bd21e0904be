package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.fixes.Plan;
import dev.hermesharden.fixes.PlannedAction;
import dev.hermesharden.fixes.RunCommand;
import dev.hermesharden.fixes.WriteFile;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.model.Sha256;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a {@link Plan} on the host, in order. Before anything happens every file is compared with
 * what the plan saw ({@code before}); a difference means the plan is stale and nothing is done.
 * Each existing file is backed up first under {@code <stateDir>/backups/} (mode 0600, read back and
 * compared by sha256) before it is replaced. A failing command stops the plan; when it is a
 * validation ({@code rollbackOnFailure}), every file written so far is restored byte for byte with
 * its old owner and mode, and new files are deleted. Commands already run are not undone.
 */
public final class PlanExecutor {
  /** Where the wizard keeps state on the host when nothing else is configured. */
  public static final String DEFAULT_STATE_DIR = "/var/lib/hermes-harden";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Host host;
  private final String stateDir;
  private final Clock clock;

  public PlanExecutor(Host host, String stateDir, Clock clock) {
    this.host = host;
    this.stateDir = stateDir;
    this.clock = clock;
  }

  /** Where backups go on the host. */
  public String stateDir() {
    return stateDir;
  }

  private record Written(
      String path, Optional<String> original, FileAttrs originalAttrs, Charset charset) {}

  public ApplyOutcome execute(Plan plan) {
    List<String> ran = new ArrayList<>();
    List<FileChange> files = new ArrayList<>();
    List<Written> written = new ArrayList<>();
    Optional<Reason> failure = Optional.empty();
    boolean rolledBack = false;
    try {
      failure = staleFile(plan);
      for (PlannedAction a : plan.actions()) {
        if (failure.isPresent()) {
          break;
        }
        if (a instanceof WriteFile w) {
          failure = write(w, files, written);
        } else if (a instanceof RunCommand c) {
          ran.add(c.commandLine());
          failure = run(c);
          if (failure.isPresent() && c.rollbackOnFailure()) {
            restore(written);
            rolledBack = true;
          }
        }
      }
    } catch (HostException e) {
      failure = Optional.of(Reason.of("engine.host-error", e.kind() + ": " + e.getMessage()));
    }
    AppliedChange change = new AppliedChange(plan.fixId(), ran, files, clock.instant());
    return new ApplyOutcome(change, rolledBack, failure);
  }

  /** The first file whose content is not what the plan saw, unless the plan itself wrote it. */
  private Optional<Reason> staleFile(Plan plan) throws HostException {
    List<String> seen = new ArrayList<>();
    for (PlannedAction a : plan.actions()) {
      if (a instanceof WriteFile w && !seen.contains(w.path())) {
        seen.add(w.path());
        if (!host.readFile(w.path(), w.charset()).equals(w.before())) {
          return Optional.of(Reason.of("engine.plan-stale", w.path()));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Reason> write(WriteFile w, List<FileChange> files, List<Written> written)
      throws HostException {
    Charset cs = w.charset();
    Optional<String> current = host.readFile(w.path(), cs);
    if (!current.equals(w.before())) {
      return Optional.of(Reason.of("engine.plan-stale", w.path()));
    }
    String backupPath = null;
    String shaBefore = null;
    FileAttrs attrs = FileAttrs.KEEP;
    if (current.isPresent()) {
      shaBefore = Sha256.hex(current.get(), cs);
      backupPath = backupPathFor(w.path(), shaBefore);
      Optional<FileStat> st = host.lstat(w.path());
      if (st.isPresent()) {
        attrs = FileAttrs.of(st.get().owner(), st.get().group(), st.get().mode());
      }
      if (!backUp(backupPath, current.get(), shaBefore, cs)) {
        return Optional.of(Reason.of("engine.backup-failed", w.path(), backupPath));
      }
    }
    written.add(new Written(w.path(), current, attrs, cs));
    host.writeFile(w.path(), w.after(), w.attrs(), cs);
    files.add(new FileChange(w.path(), backupPath, shaBefore, Sha256.hex(w.after(), cs)));
    return Optional.empty();
  }

  private boolean backUp(String backupPath, String content, String sha, Charset cs)
      throws HostException {
    String dir = stateDir + "/backups";
    ExecResult mk =
        host.exec(List.of("install", "-d", "-m", "0700", stateDir, dir), Host.DEFAULT_TIMEOUT);
    if (!mk.ok()) {
      return false;
    }
    host.writeFile(backupPath, content, FileAttrs.mode(0600), cs);
    // Trust the backup only once it reads back identical: the original is about to be replaced.
    return host.readFile(backupPath, cs)
        .map(t -> Sha256.hex(t, cs))
        .filter(sha::equals)
        .isPresent();
  }

  String backupPathFor(String path, String sha) {
    String stamp = STAMP.format(clock.instant());
    return stateDir
        + "/backups/"
        + stamp
        + "-"
        + sha.substring(0, 12)
        + "-"
        + path.replace('/', '_');
  }

  private Optional<Reason> run(RunCommand c) {
    try {
      ExecResult r = host.exec(c.argv(), c.timeout());
      if (c.okExitCodes().contains(r.exitCode())) {
        return Optional.empty();
      }
      return Optional.of(
          Reason.of("engine.command-failed", c.commandLine(), r.exitCode(), r.stderr().strip()));
    } catch (HostException e) {
      return Optional.of(Reason.of("engine.command-failed", c.commandLine(), -1, e.getMessage()));
    }
  }

  /** Puts back every written file, newest first. */
  private void restore(List<Written> written) throws HostException {
    for (int i = written.size() - 1; i >= 0; i--) {
      Written w = written.get(i);
      if (w.original().isPresent()) {
        host.writeFile(w.path(), w.original().get(), w.originalAttrs(), w.charset());
      } else {
        host.deleteFile(w.path());
      }
    }
  }
}
