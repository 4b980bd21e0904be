package dev.hermesharden.engine;

import java.time.Instant;
import java.util.List;

/**
 * What one apply of a fix did on the host: the commands run (argv only, never their output) and the
 * files written with their backups. Contains no file contents, only paths and hashes.
 */
public record AppliedChange(
    String fixId, List<String> argvRun, List<FileChange> files, Instant at) {
  public AppliedChange {
    argvRun = List.copyOf(argvRun);
    files = List.copyOf(files);
  }

  /** Whether anything was done at all. */
  public boolean touchedHost() {
    return !argvRun.isEmpty() || !files.isEmpty();
  }
}
