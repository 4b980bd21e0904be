package dev.hermesharden.host;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * File operations done as plain commands ({@code head}, {@code mktemp}, {@code dd}, {@code chown},
 * {@code chmod}, {@code mv}, {@code rm}, {@code find}), each one argv with a time limit; reads are
 * capped. Two users of the same commands:
 *
 * <ul>
 *   <li>{@link #as}: with an account's own rights, for paths that account can change (see {@link
 *       PathTrust}): whatever it swaps in (a symlink to {@code /etc/shadow}, a FIFO, another
 *       directory), the operation can reach only what the account could reach itself.
 *   <li>{@link #direct}: with the host's own rights, on a host reached only through commands
 *       ({@code SshHost}), for paths {@link SafeFiles} has judged root-only.
 * </ul>
 */
final class CommandFiles {
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Host host;
  private final UnaryOperator<List<String>> wrap;
  private final String who;

  private CommandFiles(Host host, UnaryOperator<List<String>> wrap, String who) {
    this.host = host;
    this.wrap = wrap;
    this.who = who;
  }

  /** Operations with the account's rights only ({@link Account#run}). */
  static CommandFiles as(Host host, Account a) {
    return new CommandFiles(host, a::run, " as " + a.name());
  }

  /** Operations with the rights the host's commands run with. */
  static CommandFiles direct(Host host) {
    return new CommandFiles(host, argv -> argv, "");
  }

  /** The read: at most one byte more than {@link Host#MAX_FILE_BYTES}, so a larger file shows. */
  static List<String> readCommand(String path) {
    return List.of("head", "-c", String.valueOf(Host.MAX_FILE_BYTES + 1), "--", path);
  }

  Optional<String> read(String path, Charset cs) throws HostException {
    int limit = Host.MAX_FILE_BYTES + 1;
    ExecResult r = host.exec(wrap.apply(readCommand(path)), TIMEOUT, new byte[0], limit);
    if (!r.ok()) {
      String err = r.stderr();
      if (err.contains("No such file") || err.contains("Not a directory")) {
        return Optional.empty();
      }
      throw failure("read", path, err);
    }
    if (r.stdout().getBytes(StandardCharsets.UTF_8).length > Host.MAX_FILE_BYTES) {
      throw tooLarge(path);
    }
    if (cs.equals(StandardCharsets.UTF_8) && r.stdout().indexOf('\uFFFD') >= 0) {
      throw new HostException(HostException.Kind.IO, path + " is not valid UTF-8");
    }
    return Optional.of(r.stdout());
  }

  /**
   * A new temp file beside the target ({@code mktemp}: {@code O_EXCL}, 0600), the content written
   * and flushed into it, its owner (when {@code chown} is not null, e.g. {@code root:adm} or {@code
   * +0:+4}) and mode set, then renamed over the target: plain commands, no shell.
   */
  void write(String path, byte[] content, int mode, String chown) throws HostException {
    int slash = path.lastIndexOf('/');
    String dir = slash == 0 ? "/" : path.substring(0, slash);
    String name = path.substring(slash + 1);
    ExecResult mk = run(null, "mktemp", "-p", dir, "--suffix=.hh-tmp", "." + name + ".XXXXXXXX");
    String tmp = mk.stdout().strip();
    if (!mk.ok() || !tmp.startsWith(dir + "/") || tmp.contains("\n")) {
      throw failure("write", path, mk.stderr());
    }
    boolean done = false;
    try {
      String octal = String.format(Locale.ROOT, "%o", mode & 07777);
      check(path, run(content, "dd", "of=" + tmp, "bs=65536", "status=none", "conv=fsync"));
      if (chown != null) {
        check(path, run(null, "chown", "--", chown, tmp));
      }
      check(path, run(null, "chmod", octal, tmp));
      check(path, run(null, "mv", "-fT", "--", tmp, path));
      done = true;
    } finally {
      if (!done) {
        run(null, "rm", "-f", "--", tmp);
      }
    }
  }

  void delete(String path) throws HostException {
    ExecResult r = run(null, "rm", "-f", "--", path);
    if (!r.ok()) {
      throw failure("remove", path, r.stderr());
    }
  }

  List<String> list(String dir) throws HostException {
    ExecResult r =
        host.exec(
            wrap.apply(
                List.of("find", dir + "/", "-mindepth", "1", "-maxdepth", "1", "-printf", "%f\\0")),
            TIMEOUT,
            new byte[0],
            Host.MAX_FILE_BYTES);
    if (!r.ok()) {
      if (r.stderr().contains("No such file") || r.stderr().contains("Not a directory")) {
        return List.of();
      }
      throw failure("list", dir, r.stderr());
    }
    List<String> out = new ArrayList<>();
    for (String n : r.stdout().split("\0")) {
      if (!n.isEmpty()) {
        out.add(n);
      }
    }
    out.sort(null);
    return out;
  }

  private void check(String path, ExecResult r) throws HostException {
    if (!r.ok()) {
      throw failure("write", path, r.stderr());
    }
  }

  /** One command with this object's rights. */
  private ExecResult run(byte[] stdin, String... argv) throws HostException {
    return host.exec(
        wrap.apply(List.of(argv)), TIMEOUT, stdin == null ? new byte[0] : stdin, 64 * 1024);
  }

  static HostException tooLarge(String path) {
    return new HostException(
        HostException.Kind.TOO_LARGE,
        path + " is larger than " + Host.MAX_FILE_BYTES + " bytes; not read");
  }

  private HostException failure(String what, String path, String stderr) {
    HostException.Kind kind =
        stderr.contains("Permission denied") || stderr.contains("Operation not permitted")
            ? HostException.Kind.PERMISSION
            : HostException.Kind.IO;
    return new HostException(kind, "cannot " + what + " " + path + who + ": " + stderr.strip());
  }
}
