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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The waiting side's host for proof tests: files are real files (absolute temp paths), {@code stat}
 * reports the owner uid the test chose (as root would see it), and the few commands the prover runs
 * answer from fields in their real output formats.
 */
final class ProofFakeHost implements Host {
  final Map<String, Integer> owners = new HashMap<>();
  final List<List<String>> commands = new ArrayList<>();
  String ipAddr = "";
  String passwd = "";
  String journal = "";
  int defaultOwner = 1000;

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) {
    commands.add(argv);
    return switch (argv.get(0)) {
      case "stat" -> stat(argv, argv.get(argv.size() - 1));
      case "ip" -> ok(argv, ipAddr);
      case "getent" -> passwd.isEmpty() ? new ExecResult(argv, 2, "", "") : ok(argv, passwd);
      case "journalctl" -> ok(argv, journal);
      case "sshd" -> ok(argv, "authorizedkeysfile .ssh/authorized_keys .ssh/authorized_keys2\n");
      case "install" -> {
        try {
          Files.createDirectories(Path.of(argv.get(argv.size() - 1)));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
        yield ok(argv, "");
      }
      case "chmod" -> ok(argv, "");
      default -> throw new AssertionError("unexpected command " + argv);
    };
  }

  private ExecResult stat(List<String> argv, String path) {
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
    } else if (Files.isDirectory(p)) {
      type = "directory";
      mode = 01733;
    } else {
      type = size(p) == 0 ? "regular empty file" : "regular file";
      mode = 0600;
    }
    int owner = owners.getOrDefault(path, Files.isDirectory(p) ? 0 : defaultOwner);
    String line =
        owner + "\t1\t" + Integer.toOctalString(mode) + "\t" + size(p) + "\t" + type + "\n";
    return ok(argv, line);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
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
