package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.practice.SimulatedHost;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A run's cache answers a question once; a command with input and a cap is asked every time. */
class CachingHostTest {
  @Test
  void aQuestionIsAskedOnceAndACommandWithInputEveryTime() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Host counting =
        new dev.hermesharden.host.ForwardingHost(SimulatedHost.fresh()) {
          @Override
          public ExecResult exec(List<String> argv, Duration timeout) {
            asked.incrementAndGet();
            return new ExecResult(argv, 0, "line " + asked.get() + "\n", "");
          }

          @Override
          public ExecResult exec(
              List<String> argv, Duration timeout, byte[] stdin, int outputLimit) {
            return exec(argv, timeout);
          }
        };
    CachingHost run = new CachingHost(counting);
    List<String> tail = List.of("tail", "-c", "10", "--", "/var/log/auth.log");
    run.exec(tail, Host.DEFAULT_TIMEOUT);
    String remembered = run.exec(tail, Host.DEFAULT_TIMEOUT).stdout();
    assertEquals(1, asked.get());
    assertEquals("line 1\n", remembered);
    String fresh = run.exec(tail, Host.DEFAULT_TIMEOUT, new byte[0], 100).stdout();
    assertEquals(2, asked.get());
    assertEquals("line 2\n", fresh);
  }

  @Test
  void aPathsEntriesAreAskedOncePerRunAndForgottenAfterAWrite() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Host counting =
        new dev.hermesharden.host.ForwardingHost(SimulatedHost.fresh()) {
          @Override
          public List<Optional<FileStat>> lstatAll(List<String> paths) throws HostException {
            asked.incrementAndGet();
            return inner.lstatAll(paths);
          }
        };
    CachingHost run = new CachingHost(counting);
    List<String> walk = List.of("/", "/opt", "/opt/hermes", "/opt/hermes/.env");
    List<Optional<FileStat>> first = run.lstatAll(walk);
    assertEquals(first, run.lstatAll(walk));
    assertEquals(1, asked.get());
    run.lstatAll(List.of("/", "/etc"));
    assertEquals(2, asked.get(), "another walk is another question");
    run.writeFile("/opt/hermes/x", "y", FileAttrs.of("root", "root", 0644));
    run.lstatAll(walk);
    assertEquals(3, asked.get(), "a write forgets what the run knew");
  }

  /** A batch's answers also answer each of its paths' lstat: one command over SSH, not one each. */
  @Test
  void aBatchAnswersEachOfItsPathsAlone() throws Exception {
    List<String> lstats = new java.util.ArrayList<>();
    Host counting =
        new dev.hermesharden.host.ForwardingHost(SimulatedHost.fresh()) {
          @Override
          public Optional<FileStat> lstat(String path) throws HostException {
            lstats.add(path);
            return inner.lstat(path);
          }
        };
    CachingHost run = new CachingHost(counting);
    List<String> files = List.of("/etc/passwd", "/etc/no-such-file");
    List<Optional<FileStat>> batch = run.lstatAll(files);
    lstats.clear(); // the simulated host answers a batch path by path
    assertEquals(batch.get(0), run.lstat("/etc/passwd"));
    assertEquals(Optional.empty(), run.lstat("/etc/no-such-file"));
    assertEquals(List.of(), lstats, "both answered from the batch");
    run.lstat("/etc/group");
    assertEquals(List.of("/etc/group"), lstats, "a path outside it is asked");
  }
}
