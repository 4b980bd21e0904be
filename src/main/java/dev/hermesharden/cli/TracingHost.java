package dev.hermesharden.cli;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.ShellQuoting;
import dev.hermesharden.host.SshAuthOffer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * With {@code --debug}: prints every command the host runs, with its time and exit code, as a line
 * a shell can replay ({@code # exec 12 ms exit 0: sshd -T -C user=admin,…}). Never output.
 */
final class TracingHost extends ForwardingHost {
  private final PrintWriter err;

  TracingHost(Host inner, PrintWriter err) {
    super(inner);
    this.err = err;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    long t0 = System.nanoTime();
    ExecResult r = inner.exec(argv, timeout);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    synchronized (err) {
      err.println("# exec " + ms + " ms exit " + r.exitCode() + ": " + ShellQuoting.join(argv));
      err.flush();
    }
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
      long ms = (System.nanoTime() - t0) / 1_000_000;
      synchronized (err) {
        err.println(
            "# ssh none " + ms + " ms: " + user + "@" + address + ":" + port + " " + answer);
        err.flush();
      }
    }
  }
}
