package dev.hermesharden.checks.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshAuthOffer;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * With sshd stopped and its port free (1024 or more), another account can listen there and answer
 * the probe with whatever it likes. {@code sshd.running-config} must not take that answer for
 * sshd's: a socket that is not root's is not asked, and the check fails naming it.
 */
class SshdImpostorTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  /** The practice VPS whose socket table says who owns port 22: {@code uid} (0: root). */
  private static final class Listening extends ForwardingHost {
    final int uid;
    final AtomicInteger asked = new AtomicInteger();

    Listening(int uid) {
      super(SimulatedHost.fresh());
      this.uid = uid;
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
      if (argv.equals(List.of("ss", "-Htlnpe"))) {
        return new ExecResult(
            argv,
            0,
            "LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=4242,fd=3))"
                + (uid == 0 ? "" : " uid:" + uid)
                + " ino:1 sk:1\n",
            "");
      }
      return super.exec(argv, timeout);
    }

    @Override
    public SshAuthOffer sshAuthOffer(String address, int port, String user) throws HostException {
      asked.incrementAndGet();
      return super.sshAuthOffer(address, port, user);
    }
  }

  private static Verdict runningConfig(Listening host) throws HostException {
    return new SshdRunningConfigCheck().run(host, new Params(Map.of()), CTX);
  }

  @Test
  void anotherAccountsSocketIsNotAskedAndFails() throws Exception {
    Listening host = new Listening(1001);
    Verdict v = runningConfig(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.sshd.live-not-sshd", v.reason().key());
    assertTrue(v.toString().contains("uid 1001"), v.toString());
    assertEquals(0, host.asked.get(), "the impostor was asked");
  }

  @Test
  void rootsSocketIsAsked() throws Exception {
    Listening host = new Listening(0);
    Verdict v = runningConfig(host);
    assertEquals(Status.PASS, v.status(), v.toString());
    assertTrue(host.asked.get() > 0);
  }
}
