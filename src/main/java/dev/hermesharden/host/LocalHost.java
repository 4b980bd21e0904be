package dev.hermesharden.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * This machine. Commands run through {@link ProcessBuilder} (argv, no shell) with a timeout and
 * output capped at {@link #OUTPUT_LIMIT} bytes per stream; files are written atomically.
 *
 * <p>Commands are found on the search path given at construction (the CLI passes the PATH it was
 * started with); a command that is not there answers exit code 127 "command not found", as a shell
 * would. What kind of host this is (OS, OpenSSH, systemd, Docker) is {@link HostProbe}'s job.
 */
public final class LocalHost implements Host {
  /** Output beyond this is dropped (a 100 MB log is never read whole). */
  public static final int OUTPUT_LIMIT = 4 * 1024 * 1024;

  /** Where commands are looked for when this process has no PATH (as sudo's secure_path). */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final String name;
  private final String searchPath;

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
    this.searchPath = searchPath == null || searchPath.isBlank() ? DEFAULT_PATH : searchPath;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    Optional<String> program = resolve(argv.get(0));
    if (program.isEmpty()) {
      return new ExecResult(argv, 127, "", argv.get(0) + ": command not found\n");
    }
    List<String> resolved = new java.util.ArrayList<>(argv);
    resolved.set(0, program.get());
    ProcessBuilder pb = new ProcessBuilder(resolved);
    pb.environment().put("LC_ALL", "C");
    pb.environment().put("PATH", searchPath);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new ExecResult(argv, 127, "", argv.get(0) + ": " + e.getMessage() + "\n");
    }
    // One thread per stream of its own: the common fork-join pool has a single worker on a
    // 2-core VPS, so draining through it would serialise the commands that checks run in parallel.
    CompletableFuture<String> out = drainAsync(p.getInputStream(), argv);
    CompletableFuture<String> err = drainAsync(p.getErrorStream(), argv);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new HostException(
            HostException.Kind.TIMEOUT, String.join(" ", argv) + " took longer than " + timeout);
      }
      return new ExecResult(argv, p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HostException(HostException.Kind.TIMEOUT, "interrupted: " + String.join(" ", argv));
    }
  }

  /** The program a command name stands for, found on the search path as a shell would. */
  private Optional<String> resolve(String command) {
    if (command.contains("/")) {
      return Optional.of(command);
    }
    for (String dir : searchPath.split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, command);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p.toString());
      }
    }
    return Optional.empty();
  }

  private static CompletableFuture<String> drainAsync(InputStream in, List<String> argv) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                f.complete(drain(in));
              } catch (RuntimeException e) {
                f.completeExceptionally(e);
              }
            },
            "drain " + argv.get(0));
    t.setDaemon(true);
    t.start();
    return f;
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) >= 0) {
        if (buf.size() < OUTPUT_LIMIT) {
          buf.write(chunk, 0, Math.min(n, OUTPUT_LIMIT - buf.size()));
        }
      }
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<String> readFile(String path) throws HostException {
    try {
      return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (AccessDeniedException e) {
      throw new HostException(HostException.Kind.PERMISSION, "cannot read " + path, e);
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot read " + path, e);
    }
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs) throws HostException {
    Path target = Path.of(path);
    Path tmp = null;
    try {
      PosixFileAttributes old =
          Files.exists(target)
              ? Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              : null;
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".hh-tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
      UserPrincipalLookupService users = target.getFileSystem().getUserPrincipalLookupService();
      if (attrs.owner() != null) {
        view.setOwner(users.lookupPrincipalByName(attrs.owner()));
      } else if (old != null) {
        view.setOwner(old.owner());
      }
      if (attrs.group() != null) {
        GroupPrincipal g = users.lookupPrincipalByGroupName(attrs.group());
        view.setGroup(g);
      } else if (old != null) {
        view.setGroup(old.group());
      }
      int mode = attrs.mode() >= 0 ? attrs.mode() : old != null ? toMode(old.permissions()) : 0644;
      view.setPermissions(fromMode(mode));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (AccessDeniedException e) {
      throw new HostException(HostException.Kind.PERMISSION, "cannot write " + path, e);
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot write " + path, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original is untouched either way
        }
      }
    }
  }

  @Override
  public void deleteFile(String path) throws HostException {
    try {
      Files.deleteIfExists(Path.of(path));
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot delete " + path, e);
    }
  }

  @Override
  public List<String> listDirectory(String path) throws HostException {
    Path dir = Path.of(path);
    // Not Files.isDirectory first: it says false for a directory we may not enter, and an empty
    // answer would then read as "no keys there" instead of "cannot see".
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (AccessDeniedException e) {
      throw new HostException(HostException.Kind.PERMISSION, "cannot list " + path, e);
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "cannot list " + path, e);
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

  static int toMode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal());
    }
    return mode;
  }

  static Set<PosixFilePermission> fromMode(int mode) {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - p.ordinal()))) != 0) {
        perms.add(p);
      }
    }
    return perms;
  }
}
