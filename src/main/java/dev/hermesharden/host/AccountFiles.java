package dev.hermesharden.host;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * File operations done with an account's own rights, for paths that account can change (see {@link
 * PathTrust}): whatever it swaps in (a symlink to {@code /etc/shadow}, a FIFO, another directory),
 * the operation can reach only what the account could reach itself. Every operation is one command
 * through {@link Account#run}, with a time limit; reads are capped.
 */
final class AccountFiles {
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private AccountFiles() {}

  static Optional<String> read(Host host, Account a, String path, Charset cs) throws HostException {
    int limit = Host.MAX_FILE_BYTES + 1;
    ExecResult r =
        host.exec(
            a.run("head", "-c", String.valueOf(limit), "--", path), TIMEOUT, new byte[0], limit);
    if (!r.ok()) {
      String err = r.stderr();
      if (err.contains("No such file") || err.contains("Not a directory")) {
        return Optional.empty();
      }
      throw failure(a, "read", path, err);
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
   * and flushed into it, its mode set, then renamed over the target: four plain commands, no shell.
   */
  static void write(Host host, Account a, String path, byte[] content, int mode)
      throws HostException {
    int slash = path.lastIndexOf('/');
    String dir = slash == 0 ? "/" : path.substring(0, slash);
    String name = path.substring(slash + 1);
    ExecResult mk =
        run(host, a, null, "mktemp", "-p", dir, "--suffix=.hh-tmp", "." + name + ".XXXXXXXX");
    String tmp = mk.stdout().strip();
    if (!mk.ok() || !tmp.startsWith(dir + "/") || tmp.contains("\n")) {
      throw failure(a, "write", path, mk.stderr());
    }
    boolean done = false;
    try {
      String octal = String.format(Locale.ROOT, "%o", mode & 07777);
      check(
          a,
          path,
          run(host, a, content, "dd", "of=" + tmp, "bs=65536", "status=none", "conv=fsync"));
      check(a, path, run(host, a, null, "chmod", octal, tmp));
      check(a, path, run(host, a, null, "mv", "-fT", "--", tmp, path));
      done = true;
    } finally {
      if (!done) {
        run(host, a, null, "rm", "-f", "--", tmp);
      }
    }
  }

  private static void check(Account a, String path, ExecResult r) throws HostException {
    if (!r.ok()) {
      throw failure(a, "write", path, r.stderr());
    }
  }

  /** One command with the account's rights. */
  private static ExecResult run(Host host, Account a, byte[] stdin, String... argv)
      throws HostException {
    return host.exec(a.run(argv), TIMEOUT, stdin == null ? new byte[0] : stdin, 64 * 1024);
  }

  static void delete(Host host, Account a, String path) throws HostException {
    ExecResult r = host.exec(a.run("rm", "-f", "--", path), TIMEOUT, new byte[0], 64 * 1024);
    if (!r.ok()) {
      throw failure(a, "remove", path, r.stderr());
    }
  }

  static List<String> list(Host host, Account a, String dir) throws HostException {
    ExecResult r =
        host.exec(
            a.run("find", dir + "/", "-mindepth", "1", "-maxdepth", "1", "-printf", "%f\\0"),
            TIMEOUT,
            new byte[0],
            Host.MAX_FILE_BYTES);
    if (!r.ok()) {
      if (r.stderr().contains("No such file") || r.stderr().contains("Not a directory")) {
        return List.of();
      }
      throw failure(a, "list", dir, r.stderr());
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

  static HostException tooLarge(String path) {
    return new HostException(
        HostException.Kind.TOO_LARGE,
        path + " is larger than " + Host.MAX_FILE_BYTES + " bytes; not read");
  }

  private static HostException failure(Account a, String what, String path, String stderr) {
    HostException.Kind kind =
        stderr.contains("Permission denied") || stderr.contains("Operation not permitted")
            ? HostException.Kind.PERMISSION
            : HostException.Kind.IO;
    return new HostException(
        kind, "cannot " + what + " " + path + " as " + a.name() + ": " + stderr.strip());
  }
}
