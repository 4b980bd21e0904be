package dev.hermesharden.checks.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshAuthOffer;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * sshd re-executes itself on a reload, and for that moment its port refuses connections. The
 * re-check right after {@code sshd.drop-in}'s reload must wait that moment out, not report the
 * running daemon unreachable; a refusal that lasts stays a FAIL.
 */
class SshdReloadMomentTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  /** The practice VPS as a real host whose sshd refuses its first {@code refusals} connections. */
  private static final class Reloading extends ForwardingHost {
    final AtomicInteger refusals;
    final AtomicInteger asked = new AtomicInteger();

    Reloading(int refusals) {
      super(SimulatedHost.fresh());
      this.refusals = new AtomicInteger(refusals);
    }

    @Override
    public SshAuthOffer sshAuthOffer(String address, int port, String user) throws HostException {
      asked.incrementAndGet();
      if (refusals.getAndDecrement() > 0) {
        throw new HostException(
            HostException.Kind.UNREACHABLE, "ssh " + address + ":" + port + ": Connection refused");
      }
      return super.sshAuthOffer(address, port, user);
    }

    @Override
    public boolean simulated() {
      return false;
    }
  }

  private static Verdict runningConfig(Reloading host) throws HostException {
    return new SshdRunningConfigCheck().run(host, new Params(Map.of()), CTX);
  }

  @Test
  void aReloadsMomentOfRefusedConnectionsIsWaitedOut() throws Exception {
    Reloading host = new Reloading(3);
    Verdict v = runningConfig(host);
    assertEquals(Status.PASS, v.status(), v.toString());
    assertTrue(host.asked.get() > 3, "asked again after the refusals: " + host.asked.get());
  }

  @Test
  void aRefusalThatLastsIsStillAFail() throws Exception {
    Reloading host = new Reloading(Integer.MAX_VALUE);
    Verdict v = runningConfig(host);
    assertEquals(Status.FAIL, v.status(), v.toString());
    assertEquals("reason.sshd.live-unreachable", v.reason().key());
    // one settle time for the whole gather (asked every 100 ms), not one per address and user
    long once = SshdFactsGatherer.SETTLE.toMillis() / 100 + 4;
    assertTrue(host.asked.get() <= once, "asked " + host.asked.get() + " times");
  }
}
