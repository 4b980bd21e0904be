package dev.hermesharden.cli;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.host.SshAuthOffer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * With {@code --debug}: prints every command the host runs, with when it ended (milliseconds since
 * the tracer was made), its time and exit code, as a line a shell can replay ({@code # +1204 exec
 * 12 ms exit 0: sshd -T -C user=admin,…}); a command given input says how many bytes, never which.
 * Never output. {@code lstat} questions are traced too: over SSH each is a command.
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
    long t0 = System.nanoTime();
    ExecResult r = inner.exec(argv, timeout);
    trace(t0, "exec", "exit " + r.exitCode() + ": " + ShellQuoting.join(argv));
    return r;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout, byte[] stdin, int outputLimit)
      throws HostException {
    long t0 = System.nanoTime();
    ExecResult r = inner.exec(argv, timeout, stdin, outputLimit);
    trace(
        t0,
        "exec",
        "exit "
            + r.exitCode()
            + (stdin.length > 0 ? " (input " + stdin.length + " B)" : "")
            + ": "
            + ShellQuoting.join(argv));
    return r;
  }

  @Override
  public List<Optional<FileStat>> lstatAll(List<String> paths) throws HostException {
    long t0 = System.nanoTime();
    List<Optional<FileStat>> r = inner.lstatAll(paths);
    trace(t0, "lstat", ShellQuoting.join(paths));
    return r;
  }

  @Override
  public SshAuthOffer sshAuthOffer(String address, int port, String user) throws HostException {
    long t0 = System.nanoTime();
    String answer = "error";
    try {
      SshAuthOffer o = inner.sshAuthOffer(address, port, user);
      answer = o.noneAccepted() ? "none" : String.join(",", o.methods());
      return o;
    } catch (HostException e) {
      answer = e.kind().toString();
      throw e;
    } finally {
      trace(t0, "ssh none", user + "@" + address + ":" + port + " " + answer);
    }
  }

  private void trace(long t0, String what, String line) {
    long now = System.nanoTime();
    synchronized (err) {
      err.println(
          "# +"
              + (now - start) / 1_000_000
              + " "
              + what
              + " "
              + (now - t0) / 1_000_000
              + " ms "
              + line);
      err.flush();
    }
  }
}
