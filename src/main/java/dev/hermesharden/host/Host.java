package dev.hermesharden.host;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The machine being hardened. Everything the tool learns or changes goes through here: commands are
 * argv lists (never shell strings), files are read as UTF-8 text and written atomically.
 *
 * <p>Implementations: {@code LocalHost} (this machine), {@code SimulatedHost} (the practice VPS),
 * later an SSH host. A host answers commands in the real tools' output formats, so parsers never
 * know which one they talk to.
 */
public interface Host {
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Runs one command. A non-zero exit code is a result, not an exception. */
  ExecResult exec(List<String> argv, Duration timeout) throws HostException;

  default ExecResult exec(String... argv) throws HostException {
    return exec(List.of(argv), DEFAULT_TIMEOUT);
  }

  /** The file's text, or empty when it does not exist. */
  Optional<String> readFile(String path) throws HostException;

  /**
   * Replaces a file atomically: a temp file beside the target, fsync, owner and mode set, rename.
   * Attributes left open in {@code attrs} keep those of the file being replaced.
   */
  void writeFile(String path, String content, FileAttrs attrs) throws HostException;

  /** Removes a file; no error when it is already gone. */
  void deleteFile(String path) throws HostException;

  /** Names of the entries in a directory, sorted; empty when the directory does not exist. */
  List<String> listDirectory(String path) throws HostException;

  /** {@code stat} of a path (following symlinks), or empty when it does not exist. */
  default Optional<FileStat> stat(String path) throws HostException {
    ExecResult r =
        exec(List.of("stat", "-L", "--printf=" + FileStat.FORMAT, "--", path), DEFAULT_TIMEOUT);
    if (!r.ok()) {
      if (r.stderr().contains("No such file")) {
        return Optional.empty();
      }
      if (r.stderr().contains("Permission denied")) {
        throw new HostException(HostException.Kind.PERMISSION, "stat " + path + ": " + r.stderr());
      }
      throw new HostException(HostException.Kind.IO, "stat " + path + ": " + r.stderr());
    }
    try {
      return Optional.of(FileStat.parse(r.stdout()));
    } catch (IllegalArgumentException e) {
      // a stat that answers in another format is a host problem, not a bug in the caller
      throw new HostException(HostException.Kind.IO, "stat " + path + ": " + e.getMessage(), e);
    }
  }

  /** True for the practice VPS: nothing real changes and proofs are labelled as simulated. */
  boolean simulated();

  /** A short name for logs and headers, e.g. the host name. */
  String name();
}
