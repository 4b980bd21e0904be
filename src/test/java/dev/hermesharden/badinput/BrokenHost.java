package dev.hermesharden.badinput;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A host that answers every command and file read the same broken way, and records any write (there
 * must be none: checks only read).
 */
final class BrokenHost implements Host {
  interface Reader {
    Optional<String> read(String path) throws HostException;
  }

  final List<String> writes = new ArrayList<>();
  private final Function<List<String>, ExecResult> exec;
  private final Reader reader;
  private final Optional<String> everyType;

  BrokenHost(Function<List<String>, ExecResult> exec, Reader reader) {
    this(exec, reader, Optional.empty());
  }

  private BrokenHost(
      Function<List<String>, ExecResult> exec, Reader reader, Optional<String> everyType) {
    this.exec = exec;
    this.reader = reader;
    this.everyType = everyType;
  }

  /**
   * A host where a hostile account planted a trap at every path: each entry is a {@code type}
   * ("fifo", "symbolic link" to /etc/shadow, "character special file", or a 1 GiB sparse "regular
   * file"), and reading refuses as the real host does ({@code UNSAFE}, or {@code TOO_LARGE}). The
   * commands answer as on a fresh server with nothing of ours installed.
   */
  static BrokenHost trapped(String type) {
    HostException.Kind kind =
        type.equals("regular file") ? HostException.Kind.TOO_LARGE : HostException.Kind.UNSAFE;
    return new BrokenHost(
        argv -> new ExecResult(argv, 127, "", argv.get(0) + ": command not found\n"),
        path -> {
          throw new HostException(kind, path + " is a " + type + "; not read");
        },
        Optional.of(type));
  }

  /** Nothing is installed (exit 127), no file exists. */
  static BrokenHost nothingInstalled() {
    return new BrokenHost(
        argv -> new ExecResult(argv, 127, "", argv.get(0) + ": command not found\n"),
        path -> Optional.empty());
  }

  /** Every file is unreadable, every command says "Permission denied" (a non-root caller). */
  static BrokenHost permissionDenied() {
    return new BrokenHost(
        argv -> new ExecResult(argv, 1, "", argv.get(0) + ": Permission denied\n"),
        path -> {
          throw new HostException(HostException.Kind.PERMISSION, "cannot read " + path);
        });
  }

  /** Every command "succeeds" with output in no known format; every file is unparsable text. */
  static BrokenHost garbage() {
    String junk = "}{ ::: \u0000 garbage ]]\n\tkey: [unclosed\n  - : : - \"\n%%%\n";
    return new BrokenHost(argv -> new ExecResult(argv, 0, junk, ""), path -> Optional.of(junk));
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) {
    return exec.apply(argv);
  }

  @Override
  public Optional<String> readFile(String path) throws HostException {
    return reader.read(path);
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs) {
    writes.add("write " + path);
  }

  @Override
  public void deleteFile(String path) {
    writes.add("delete " + path);
  }

  @Override
  public List<String> listDirectory(String path) throws HostException {
    reader.read(path); // as unreadable as the files in it
    return List.of();
  }

  @Override
  public Optional<FileStat> lstat(String path) throws HostException {
    if (everyType.isEmpty()) {
      return Host.super.lstat(path);
    }
    boolean dir = path.equals("/") || !path.substring(path.lastIndexOf('/') + 1).contains(".");
    String type = dir && !everyType.get().equals("symbolic link") ? "directory" : everyType.get();
    long size = type.equals("regular file") ? 1L << 30 : 0;
    return Optional.of(new FileStat(path, "hermes", "hermes", 0666, size, type, 0, 1001, 1001, 1));
  }

  @Override
  public String readLink(String path) {
    return "/etc/shadow";
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public String name() {
    return "broken";
  }
}
