package dev.hermesharden.cli;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.host.SshAuthOffer;
import dev.hermesharden.host.SshAuthProbe;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * With {@code --debug}: prints every command the host runs, with when it ended (milliseconds since
 * the tracer was made), its time and exit code, as a line a shell can replay ({@code # +1204 exec
 * 12 ms exit 0: sshd -T -C user=admin,…}); a command given input says how many bytes, never which.
 * Never output. File questions are traced the same way ({@code # +1230 read 2 ms 1184 B:
 * /etc/ssh/sshd_config}, {@code lstat}, {@code readlink}, {@code list}, {@code write}, {@code
 * delete}): over SSH each is a command, and on this machine a read of a file another account can
 * change runs as that account (docs/threat-model.md) where no command line shows it. A question the
 * host refused says why ({@code UNSAFE}, {@code TOO_LARGE}, …).
 */
final class TracingHost extends ForwardingHost {
  private final PrintWriter err;
  private final long start = System.nanoTime();

  TracingHost(Host inner, PrintWriter err) {
    super(inner);
    this.err = err;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    return traced("exec", argv, () -> inner.exec(argv, timeout), r -> "exit " + r.exitCode());
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout, byte[] stdin, int outputLimit)
      throws HostException {
    return traced(
        "exec",
        argv,
        () -> inner.exec(argv, timeout, stdin, outputLimit),
        r -> "exit " + r.exitCode() + (stdin.length > 0 ? " (input " + stdin.length + " B)" : ""));
  }

  @Override
  public Optional<String> readFile(String path, Charset charset) throws HostException {
    return traced(
        "read",
        List.of(path),
        () -> inner.readFile(path, charset),
        r -> r.map(text -> text.getBytes(charset).length + " B").orElse("missing"));
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs, Charset charset)
      throws HostException {
    traced(
        "write",
        List.of(path),
        () -> {
          inner.writeFile(path, content, attrs, charset);
          return content.getBytes(charset).length;
        },
        bytes -> bytes + " B");
  }

  @Override
  public Optional<FileStat> lstat(String path) throws HostException {
    return traced("lstat", List.of(path), () -> inner.lstat(path), TracingHost::found);
  }

  @Override
  public List<Optional<FileStat>> lstatAll(List<String> paths) throws HostException {
    return traced(
        "lstat",
        paths,
        () -> inner.lstatAll(paths),
        r -> r.stream().filter(Optional::isPresent).count() + " of " + r.size());
  }

  @Override
  public String readLink(String path) throws HostException {
    return traced("readlink", List.of(path), () -> inner.readLink(path), target -> "");
  }

  @Override
  public void deleteFile(String path) throws HostException {
    traced(
        "delete",
        List.of(path),
        () -> {
          inner.deleteFile(path);
          return path;
        },
        done -> "");
  }

  @Override
  public List<String> listDirectory(String path) throws HostException {
    return traced("list", List.of(path), () -> inner.listDirectory(path), r -> r.size() + " names");
  }

  /**
   * A real host asks with a command, traced here like every other; the practice VPS answers from
   * its files, traced as {@code ssh none}.
   */
  @Override
  public SshAuthOffer sshAuthOffer(String address, int port, String user) throws HostException {
    if (!inner.simulated()) {
      return SshAuthProbe.offer(this, address, port, user);
    }
    return traced(
        "ssh none",
        List.of(user + "@" + address + ":" + port),
        () -> inner.sshAuthOffer(address, port, user),
        o -> o.noneAccepted() ? "none" : String.join(",", o.methods()));
  }

  private static String found(Optional<FileStat> s) {
    return s.map(FileStat::type).orElse("missing");
  }

  private interface Call<T> {
    T run() throws HostException;
  }

  /**
   * Runs {@code call} and prints its line: {@code # +T WHAT N ms OUTCOME: SUBJECT}, where the
   * outcome is the kind of a refusal when the host refused.
   */
  private <T> T traced(String what, List<String> subject, Call<T> call, Function<T, String> outcome)
      throws HostException {
    long t0 = System.nanoTime();
    String said = "error";
    try {
      T r = call.run();
      said = outcome.apply(r);
      return r;
    } catch (HostException e) {
      said = e.kind().toString();
      throw e;
    } finally {
      trace(t0, what, said, ShellQuoting.join(subject));
    }
  }

  private void trace(long t0, String what, String outcome, String subject) {
    long now = System.nanoTime();
    synchronized (err) {
      err.println(
          "# +"
              + (now - start) / 1_000_000
              + " "
              + what
              + " "
              + (now - t0) / 1_000_000
              + " ms"
              + (outcome.isEmpty() ? "" : " " + outcome)
              + ": "
              + subject);
      err.flush();
    }
  }
}
