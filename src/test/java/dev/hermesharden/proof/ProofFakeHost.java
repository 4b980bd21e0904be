package dev.hermesharden.proof;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The waiting side's host for proof tests: files are real files (absolute temp paths) and the few
 * commands the prover runs act on them ({@code mkdir -m}, {@code mv -T}, {@code rm -rf}, {@code dd
 * iflag=nofollow}). The test process plays root and the admin at once, so {@code stat} reports the
 * owner the test chose (or {@code chown} set): directories are root's and files the admin's unless
 * told otherwise; modes are the real ones unless {@link #modes} says otherwise (Java cannot set a
 * sticky bit).
 */
final class ProofFakeHost implements Host {
  final Map<String, Integer> owners = new HashMap<>();
  final Map<String, Integer> modes = new HashMap<>();
  final List<List<String>> commands = new ArrayList<>();
  String ipAddr = "";
  String passwd = "";
  String journal = "";
  String ss = "";
  String ps = "";
  int defaultOwner = 1000;

  /** Runs just before the record is read: a test's chance to swap the file after its lstat. */
  Runnable beforeRead = () -> {};

  /** The owner {@code stat} reports for a path (what the kernel would say). */
  int ownerOf(Path p) {
    return owners.getOrDefault(
        p.toString(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? 0 : defaultOwner);
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) {
    commands.add(argv);
    try {
      return switch (argv.get(0)) {
        case "stat" -> stat(argv, argv.get(argv.size() - 1));
        case "ip" -> ok(argv, ipAddr);
        case "getent" -> passwd.isEmpty() ? new ExecResult(argv, 2, "", "") : ok(argv, passwd);
        case "journalctl" -> ok(argv, journal);
        case "ss" -> ok(argv, ss);
        case "ps" -> ok(argv, ps);
        case "sshd" -> ok(argv, "authorizedkeysfile .ssh/authorized_keys .ssh/authorized_keys2\n");
        case "mkdir" -> mkdir(argv);
        case "chown" -> chown(argv);
        case "mv" -> mv(argv);
        case "rm" -> rm(argv);
        case "dd" -> dd(argv);
        default -> throw new AssertionError("unexpected command " + argv);
      };
    } catch (IOException e) {
      return new ExecResult(argv, 1, "", e.toString());
    }
  }

  private ExecResult stat(List<String> argv, String path) throws IOException {
    Path p = Path.of(path);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return new ExecResult(
          argv, 1, "", "stat: cannot statx '" + path + "': No such file or directory\n");
    }
    String type;
    int mode;
    if (Files.isSymbolicLink(p)) {
      type = "symbolic link";
      mode = 0777;
    } else {
      type =
          Files.isDirectory(p)
              ? "directory"
              : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                  ? (Files.size(p) == 0 ? "regular empty file" : "regular file")
                  : "fifo";
      mode = modes.getOrDefault(path, realMode(p));
    }
    int links = (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    long size = Files.isSymbolicLink(p) ? 0 : Files.size(p);
    String line = ownerOf(p) + "\t" + links + "\t" + Integer.toOctalString(mode);
    return ok(argv, line + "\t" + size + "\t" + type + "\n");
  }

  /** Permission, set-id and sticky bits (unix:mode is st_mode, with the file type above them). */
  private static int realMode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  /** {@code mkdir -m MODE -- PATH}: fails when anything (even a dangling symlink) is there. */
  private ExecResult mkdir(List<String> argv) throws IOException {
    Path p = Path.of(argv.get(argv.size() - 1));
    Files.createDirectory(p);
    int mode = Integer.parseInt(argv.get(argv.indexOf("-m") + 1), 8);
    Set<PosixFilePermission> perms = new java.util.HashSet<>();
    for (PosixFilePermission x : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - x.ordinal()))) != 0) {
        perms.add(x);
      }
    }
    Files.setPosixFilePermissions(p, perms);
    modes.remove(p.toString());
    owners.put(p.toString(), 0);
    return ok(argv, "");
  }

  /** {@code chown -h +UID:+GID -- PATH}: remembered as the owner stat reports. */
  private ExecResult chown(List<String> argv) {
    if (!argv.contains("-h")) {
      throw new AssertionError("chown must not follow a symlink: " + argv);
    }
    String ids = argv.get(argv.indexOf("-h") + 1);
    owners.put(argv.get(argv.size() - 1), Integer.parseInt(ids.substring(1, ids.indexOf(':'))));
    return ok(argv, "");
  }

  /** {@code mv -T -- FROM TO}: renames the entry itself, whatever it is. */
  private ExecResult mv(List<String> argv) throws IOException {
    Path from = Path.of(argv.get(argv.size() - 2));
    Path to = Path.of(argv.get(argv.size() - 1));
    Files.move(from, to, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    Integer o = owners.remove(from.toString());
    if (o != null) {
      owners.put(to.toString(), o);
    }
    modes.remove(from.toString());
    return ok(argv, "");
  }

  /** {@code rm -rf --one-file-system -- PATH}, never following symlinks. */
  private ExecResult rm(List<String> argv) throws IOException {
    Path p = Path.of(argv.get(argv.size() - 1));
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
    return ok(argv, "");
  }

  /** {@code dd if=PATH iflag=nofollow,...}: refuses a symlink as O_NOFOLLOW does. */
  private ExecResult dd(List<String> argv) throws IOException {
    if (!argv.contains("iflag=nofollow,nonblock")) {
      throw new AssertionError("the record must be read without following a symlink: " + argv);
    }
    Path p = Path.of(argv.get(1).substring("if=".length()));
    beforeRead.run();
    if (Files.isSymbolicLink(p)) {
      return new ExecResult(argv, 1, "", "dd: failed to open: Too many levels of symbolic links");
    }
    return ok(argv, Files.readString(p, StandardCharsets.UTF_8));
  }

  private static ExecResult ok(List<String> argv, String out) {
    return new ExecResult(argv, 0, out, "");
  }

  @Override
  public Optional<String> readFile(String path) throws HostException {
    try {
      return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "read " + path, e);
    }
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs) {
    throw new AssertionError("the prover never writes files: " + path);
  }

  @Override
  public void deleteFile(String path) throws HostException {
    try {
      Files.deleteIfExists(Path.of(path));
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "delete " + path, e);
    }
  }

  @Override
  public List<String> listDirectory(String path) throws HostException {
    if (!Files.isDirectory(Path.of(path))) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(Path.of(path))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new HostException(HostException.Kind.IO, "list " + path, e);
    }
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public String name() {
    return "proof-fake";
  }
}
