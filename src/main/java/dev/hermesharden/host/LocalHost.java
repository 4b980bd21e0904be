package dev.hermesharden.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * This machine. Commands run through {@link ProcessBuilder} (argv, no shell) with a timeout and
 * output capped at {@link #OUTPUT_LIMIT} bytes per stream; files are written atomically.
 *
 * <p>Commands are found on the search path given at construction (the CLI passes the PATH it was
 * started with; as root, only its directories no other account can change); a command that is not
 * there answers exit code 127 "command not found", as a shell would. Files go through {@link
 * SafeFiles}. What kind of host this is (OS, OpenSSH, systemd, Docker) is {@link HostProbe}'s job.
 */
public final class LocalHost extends SafeFilesHost {
  /** Output beyond this is dropped (a 100 MB log is never read whole). */
  public static final int OUTPUT_LIMIT = 4 * 1024 * 1024;

  /** Where commands are looked for when this process has no PATH (as sudo's secure_path). */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /**
   * Where commands are looked for while the search path is being judged ({@link
   * PathTrust#rootOnlyDirectories} asks {@code getent} and {@code ls} of a group-writable
   * directory): the packages' own directories only, never {@code /usr/local}.
   */
  static final String SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

  private final String name;
  private final String searchPath;
  private final SafeFiles files = new SafeFiles(this, new LocalFiles(), runningAsRoot());

  /** This machine, finding commands on this process's PATH. */
  public LocalHost() {
    this(System.getenv("PATH"));
  }

  /**
   * This machine, finding commands on the given search path (the PATH the command line was started
   * with; a test's directory of stand-in tools).
   */
  public LocalHost(String searchPath) {
    this.name = readHostName();
    String given = searchPath == null || searchPath.isBlank() ? DEFAULT_PATH : searchPath;
    this.searchPath =
        runningAsRoot() ? PathTrust.rootOnlyDirectories(this, given, SYSTEM_PATH) : given;
  }

  /** This machine's own files, for what the tool writes here whatever host it hardens (reports). */
  private static final class Here {
    static final LocalHost HOST = new LocalHost();
  }

  /**
   * Writes a file on this machine by the same rules as every other write (docs/threat-model.md):
   * atomically, and never through a directory another account can change with root's rights.
   */
  public static void writeHere(String path, String content, int mode) throws HostException {
    Here.HOST.writeFile(path, content, FileAttrs.mode(mode));
  }

  /**
   * Makes a directory on this machine, with its parents, and gives the directory itself {@code
   * mode} (the state directory and its {@code reports/}: 0700).
   */
  public static void makeDirsHere(String dir, int mode) throws HostException {
    LocalFiles.makeDirs(Path.of(dir), mode);
  }

  /** Renames a file on this machine (a damaged state file set aside); never replaces {@code to}. */
  public static void renameHere(String from, String to) throws HostException {
    LocalFiles.rename(Path.of(from), Path.of(to));
  }

  /**
   * Creates a new file on this machine, mode {@code mode}, never through a symlink and never over a
   * file that appears meanwhile; a file already at {@code path} is removed first (a record of our
   * own the admin writes again). For files an account writes into its own directory.
   *
   * @throws java.nio.file.FileAlreadyExistsException when another file appeared at {@code path}
   */
  public static void createHere(String path, String content, int mode) throws IOException {
    LocalFiles.createNew(Path.of(path), content.getBytes(StandardCharsets.UTF_8), mode);
  }

  static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    return exec(argv, timeout, new byte[0], OUTPUT_LIMIT);
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout, byte[] stdin, int outputLimit)
      throws HostException {
    Optional<String> program = resolve(argv.get(0));
    if (program.isEmpty()) {
      return new ExecResult(argv, 127, "", argv.get(0) + ": command not found\n");
    }
    List<String> resolved = new java.util.ArrayList<>(argv);
    resolved.set(0, program.get());
    ProcessBuilder pb = new ProcessBuilder(resolved);
    if (Account.dropsRights(argv)) {
      pb.environment().clear(); // root's environment is not the account's to read
    }
    pb.environment().put("LC_ALL", "C");
    pb.environment().put("PATH", searchPath());
    if (stdin.length == 0) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new ExecResult(argv, 127, "", argv.get(0) + ": " + e.getMessage() + "\n");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    // One thread per stream of its own: the common fork-join pool has a single worker on a
    // 2-core VPS, so draining through it would serialise the commands that checks run in parallel.
    CompletableFuture<byte[]> out = StreamPump.drain(p.getInputStream(), outputLimit, argv.get(0));
    CompletableFuture<byte[]> err = StreamPump.drain(p.getErrorStream(), OUTPUT_LIMIT, argv.get(0));
    if (stdin.length > 0) {
      StreamPump.feed(p.getOutputStream(), stdin, argv.get(0));
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new HostException(
            HostException.Kind.TIMEOUT, String.join(" ", argv) + " took longer than " + timeout);
      }
      // A child that left a grandchild holding its output open must not hang us past the limit.
      long left = Math.max(1, deadline - System.nanoTime());
      return new ExecResult(
          argv,
          p.exitValue(),
          new String(out.get(left, TimeUnit.NANOSECONDS), StandardCharsets.UTF_8),
          new String(
              err.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
              StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HostException(HostException.Kind.TIMEOUT, "interrupted: " + String.join(" ", argv));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new HostException(
          HostException.Kind.TIMEOUT,
          String.join(" ", argv) + ": its output stayed open longer than " + timeout);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new HostException(
          HostException.Kind.IO, String.join(" ", argv) + ": " + e.getCause().getMessage(), e);
    }
  }

  /** The search path, or {@link #SYSTEM_PATH} while the constructor judges it. */
  private String searchPath() {
    return searchPath == null ? SYSTEM_PATH : searchPath;
  }

  /** The program a command name stands for, found on the search path as a shell would. */
  private Optional<String> resolve(String command) {
    if (command.contains("/")) {
      return Optional.of(command);
    }
    for (String dir : searchPath().split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, command);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p.toString());
      }
    }
    return Optional.empty();
  }

  @Override
  SafeFiles files() {
    return files;
  }

  @Override
  public Optional<FileStat> lstat(String path) throws HostException {
    return LocalFiles.lstat(Path.of(path));
  }

  @Override
  public String readLink(String path) throws HostException {
    try {
      return Files.readSymbolicLink(Path.of(path)).toString();
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "readlink " + path + ": " + e, e);
    }
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public String name() {
    return name;
  }

  private static String readHostName() {
    try {
      return Files.readString(Path.of("/etc/hostname")).strip();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
