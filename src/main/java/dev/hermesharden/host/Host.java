package dev.hermesharden.host;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The machine being hardened. Everything the tool learns or changes goes through here: commands are
 * argv lists (never shell strings), files are read as text and written atomically.
 *
 * <p>File operations on a real host follow docs/threat-model.md: a path that an account other than
 * root can change (see {@link PathTrust}) is read, written and removed with that account's own
 * rights, never root's; only regular files are read, at most {@link #MAX_FILE_BYTES}, within a time
 * limit. What a host refuses for safety is a {@link HostException.Kind#UNSAFE}.
 *
 * <p>Implementations: {@code LocalHost} (this machine), {@code SimulatedHost} (the practice VPS),
 * {@link SshHost} (a server over SSH, docs/remote-ssh.md). A host answers commands in the real
 * tools' output formats, so parsers never know which one they talk to.
 */
public interface Host {
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The largest file any read returns (a 5 MB Hermes config.yaml is read; 100 MB is refused). */
  int MAX_FILE_BYTES = 16 * 1024 * 1024;

  /** Runs one command. A non-zero exit code is a result, not an exception. */
  ExecResult exec(List<String> argv, Duration timeout) throws HostException;

  default ExecResult exec(String... argv) throws HostException {
    return exec(List.of(argv), DEFAULT_TIMEOUT);
  }

  /**
   * Runs one command with {@code stdin} as its standard input, keeping up to {@code outputLimit}
   * bytes of each output stream. Hosts that cannot feed input refuse a non-empty one.
   */
  default ExecResult exec(List<String> argv, Duration timeout, byte[] stdin, int outputLimit)
      throws HostException {
    if (stdin.length > 0) {
      throw new HostException(HostException.Kind.IO, "this host cannot feed standard input");
    }
    return exec(argv, timeout);
  }

  /**
   * The file's text (UTF-8), or empty when it does not exist.
   *
   * @throws HostException {@code UNSAFE} when it is not a regular file or several accounts can
   *     change its path, {@code TOO_LARGE} beyond {@link #MAX_FILE_BYTES}, {@code IO} when it is
   *     not valid UTF-8
   */
  Optional<String> readFile(String path) throws HostException;

  /**
   * The file's text in a given charset: {@code ISO_8859_1} keeps every byte as one char, for files
   * read as bytes by their program (sshd) and written back unchanged.
   */
  default Optional<String> readFile(String path, Charset charset) throws HostException {
    return readFile(path);
  }

  /**
   * Replaces a file atomically: a temp file beside the target, fsync, owner and mode set, rename.
   * Attributes left open in {@code attrs} keep those of the file being replaced.
   */
  void writeFile(String path, String content, FileAttrs attrs) throws HostException;

  /** {@link #writeFile(String, String, FileAttrs)} with the text encoded in a given charset. */
  default void writeFile(String path, String content, FileAttrs attrs, Charset charset)
      throws HostException {
    writeFile(path, content, attrs);
  }

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

  /** {@code stat} of a path itself (a symlink is not followed), or empty when it does not exist. */
  default Optional<FileStat> lstat(String path) throws HostException {
    ExecResult r =
        exec(List.of("stat", "--printf=" + FileStat.FORMAT, "--", path), DEFAULT_TIMEOUT);
    if (!r.ok()) {
      if (r.stderr().contains("No such file") || r.stderr().contains("Not a directory")) {
        return Optional.empty();
      }
      throw new HostException(
          r.stderr().contains("Permission denied")
              ? HostException.Kind.PERMISSION
              : HostException.Kind.IO,
          "stat " + path + ": " + r.stderr());
    }
    try {
      return Optional.of(FileStat.parse(r.stdout()));
    } catch (IllegalArgumentException e) {
      throw new HostException(HostException.Kind.IO, "stat " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@link #lstat} of several paths, answers in the same order. A host that reaches its files
   * through commands answers with one ({@link PathTrust} walks every component of a path).
   */
  default List<Optional<FileStat>> lstatAll(List<String> paths) throws HostException {
    List<Optional<FileStat>> out = new java.util.ArrayList<>();
    for (String p : paths) {
      out.add(lstat(p));
    }
    return out;
  }

  /** Where a symbolic link points, as written in the link. */
  default String readLink(String path) throws HostException {
    ExecResult r = exec(List.of("readlink", "--", path), DEFAULT_TIMEOUT);
    if (!r.ok()) {
      throw new HostException(HostException.Kind.IO, "readlink " + path + ": " + r.stderr());
    }
    String out = r.stdout();
    return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
  }

  /**
   * Asks the SSH server listening at {@code address:port} which authentication methods it offers
   * {@code user} before any credential ({@link SshAuthOffer}): the running daemon's own answer.
   *
   * <p>A real host asks with its own OpenSSH client ({@link SshAuthProbe}); the practice VPS
   * answers from its files.
   *
   * @throws HostException {@code UNREACHABLE} when nothing listens there, {@code TIMEOUT}, {@code
   *     IO} when the server does not speak SSH or this host cannot ask
   */
  default SshAuthOffer sshAuthOffer(String address, int port, String user) throws HostException {
    return SshAuthProbe.offer(this, address, port, user);
  }

  /**
   * What {@code parser} makes of a file's {@code text} as read from this host. A host that keeps
   * its answers for one run of checks keeps this too, so a compose file or {@code config.yaml} that
   * many checks read is parsed once per run; a host that keeps nothing parses each time. {@code
   * kind} names the parser (one file may be read two ways). What the parser throws is thrown, and
   * kept, like its value.
   */
  default <T> T parsed(String kind, String path, String text, Function<String, T> parser) {
    return parser.apply(text);
  }

  /** True for the practice VPS: nothing real changes and proofs are labelled as simulated. */
  boolean simulated();

  /**
   * Whether each question is a round trip over the network: then independent questions are asked
   * side by side ({@link SideBySide}); on this machine they cost more threads than they save.
   */
  default boolean overNetwork() {
    return false;
  }

  /** A short name for logs and headers, e.g. the host name. */
  String name();
}
