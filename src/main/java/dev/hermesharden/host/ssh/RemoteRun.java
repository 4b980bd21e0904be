package dev.hermesharden.host.ssh;

import dev.hermesharden.host.HostException;
import dev.hermesharden.host.StreamPump;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One command line on an SSH connection: a session of its own, standard input written and closed
 * (EOF, so a command that reads it never waits for more), both outputs drained while it runs and
 * capped, and the exit status read only after the channel closed (sshj's contract). A command ended
 * by a signal answers {@code 128 + signal}, as a shell would.
 *
 * <p>Caveat: the wait is the caller's bound on the whole exchange; the command itself must be
 * bounded on the server ({@code timeout(1)}, see {@code SshHost}), since closing a session does not
 * stop a process that has no terminal.
 */
public final class RemoteRun {
  private static final Map<Signal, Integer> SIGNALS =
      Map.ofEntries(
          Map.entry(Signal.HUP, 1),
          Map.entry(Signal.INT, 2),
          Map.entry(Signal.QUIT, 3),
          Map.entry(Signal.ILL, 4),
          Map.entry(Signal.ABRT, 6),
          Map.entry(Signal.FPE, 8),
          Map.entry(Signal.KILL, 9),
          Map.entry(Signal.USR1, 10),
          Map.entry(Signal.SEGV, 11),
          Map.entry(Signal.USR2, 12),
          Map.entry(Signal.PIPE, 13),
          Map.entry(Signal.ALRM, 14),
          Map.entry(Signal.TERM, 15));

  /** What the command did; {@code stdout} is the raw bytes, at most the limit asked for. */
  public record Output(int exitCode, byte[] stdout, byte[] stderr, Duration took) {}

  private RemoteRun() {}

  /**
   * @throws HostException {@code TIMEOUT} when the channel did not close within {@code wait},
   *     {@code UNREACHABLE} when the connection failed
   */
  public static Output run(
      SSHClient client, String line, byte[] stdin, Duration wait, int outLimit, int errLimit)
      throws HostException {
    Session session;
    try {
      session = client.startSession();
    } catch (IOException | IllegalStateException e) { // sshj: "Not connected"
      throw lost(e);
    }
    return run(session, line, stdin, wait, outLimit, errLimit);
  }

  /** How early a wait for the limit may end and still be the limit (timer rounding). */
  private static final Duration ON_TIME = Duration.ofMillis(50);

  /**
   * The same on a session already opened (nothing of the command has been sent yet: a caller may
   * open it again on a new connection when opening failed), closed here.
   */
  public static Output run(
      Session opened, String line, byte[] stdin, Duration wait, int outLimit, int errLimit)
      throws HostException {
    long t0 = System.nanoTime();
    long deadline = t0 + wait.toNanos();
    try (Session session = opened) {
      Session.Command cmd = session.exec(line);
      CompletableFuture<byte[]> out = StreamPump.drain(cmd.getInputStream(), outLimit, "ssh");
      CompletableFuture<byte[]> err = StreamPump.drain(cmd.getErrorStream(), errLimit, "ssh");
      if (stdin.length == 0) {
        cmd.getOutputStream().close(); // EOF at once: a command reading input gets none
      } else {
        StreamPump.feed(cmd.getOutputStream(), stdin, "ssh");
      }
      try {
        cmd.join(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ConnectionException e) {
        // the limit passed with the command still running; an error before it is the connection
        // dying under the command (keepalive or transport), which the channel may not see closed
        if (cmd.isOpen() && System.nanoTime() - deadline >= -ON_TIME.toNanos()) {
          signalQuietly(cmd);
          throw new HostException(
              HostException.Kind.TIMEOUT, "remote command took longer than " + wait, e);
        }
        throw lost(e);
      }
      byte[] o = out.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      byte[] r = err.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return new Output(exitCode(cmd), o, r, Duration.ofNanos(System.nanoTime() - t0));
    } catch (TimeoutException e) {
      throw new HostException(
          HostException.Kind.TIMEOUT, "remote output stayed open longer than " + wait, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException(HostException.Kind.TIMEOUT, "interrupted", e);
    } catch (ExecutionException e) {
      throw lost(e.getCause());
    } catch (IOException e) {
      throw lost(e);
    }
  }

  private static int exitCode(Session.Command cmd) {
    Integer status = cmd.getExitStatus();
    if (status != null) {
      return status;
    }
    Signal s = cmd.getExitSignal();
    return s == null ? 255 : 128 + SIGNALS.getOrDefault(s, 127);
  }

  private static void signalQuietly(Session.Command cmd) {
    try {
      cmd.signal(Signal.KILL); // OpenSSH may ignore it; the server-side timeout(1) is what counts
    } catch (IOException e) {
      // the session is closed next anyway
    }
  }

  private static HostException lost(Throwable e) {
    return new HostException(
        HostException.Kind.UNREACHABLE, "the SSH connection failed: " + e, e, null, List.of());
  }
}
