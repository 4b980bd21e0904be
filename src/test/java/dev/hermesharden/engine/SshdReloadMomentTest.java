package dev.hermesharden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.CheckResult;
import dev.hermesharden.checks.Status;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshAuthOffer;
import dev.hermesharden.host.SshAuthProbe;
import dev.hermesharden.i18n.Messages;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * sshd re-executes itself on a reload, and for that moment its port refuses connections. The
 * re-check right after {@code sshd.drop-in}'s reload must wait that moment out, not report the
 * running daemon unreachable; a refusal that lasts stays a FAIL. Run as {@code audit} runs the
 * step: every sshd check on one run's cache, so a refusal kept by the cache would defeat the wait.
 */
class SshdReloadMomentTest {
  /**
   * The practice VPS as a real host: the probe is the real host's {@code ssh} command, whose sshd
   * refuses its first {@code refusals} connections and then answers as the practice sshd would.
   */
  private static final class Reloading extends ForwardingHost {
    final AtomicInteger refusals;
    final AtomicInteger asked = new AtomicInteger();

    Reloading(int refusals) {
      super(SimulatedHost.fresh());
      this.refusals = new AtomicInteger(refusals);
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
      if (!argv.get(0).equals("ssh")) {
        return super.exec(argv, timeout);
      }
      asked.incrementAndGet();
      int n = argv.size();
      String address = argv.get(n - 2);
      if (refusals.getAndDecrement() > 0) {
        return new ExecResult(
            argv, 255, "", "ssh: connect to host " + address + " port 22: Connection refused\n");
      }
      SshAuthOffer o =
          super.sshAuthOffer(address, Integer.parseInt(argv.get(n - 6)), argv.get(n - 4));
      return new ExecResult(
          argv,
          255,
          "",
          o.user()
              + "@"
              + address
              + ": Permission denied ("
              + String.join(",", o.methods())
              + ").\n");
    }

    @Override
    public SshAuthOffer sshAuthOffer(String address, int port, String user) throws HostException {
      return SshAuthProbe.offer(this, address, port, user);
    }

    @Override
    public boolean simulated() {
      return false;
    }
  }

  private static CheckResult runningConfig(Host host) throws Exception {
    Catalog catalog = Catalog.standard();
    StepDefinition sshd =
        StepFiles.loadPackaged(catalog, Messages.english()).stream()
            .filter(s -> s.id().equals("sshd"))
            .findFirst()
            .orElseThrow();
    return new CheckRunner(catalog)
        .run(sshd.checks(), host, StepContext.of(Answers.EMPTY)).stream()
            .filter(r -> r.checkId().equals("sshd.running-config"))
            .findFirst()
            .orElseThrow();
  }

  @Test
  void aReloadsMomentOfRefusedConnectionsIsWaitedOut() throws Exception {
    Reloading host = new Reloading(3);
    CheckResult r = runningConfig(host);
    assertEquals(Status.PASS, r.status(), r.toString());
    // admin and root: 3 refused, then one answer each, kept for every other check of the run
    assertEquals(5, host.asked.get());
  }

  @Test
  void aRefusalThatLastsIsStillAFailAskedForOneSettleTimeOnly() throws Exception {
    Reloading host = new Reloading(Integer.MAX_VALUE);
    CheckResult r = runningConfig(host);
    assertEquals(Status.FAIL, r.status(), r.toString());
    assertEquals("reason.sshd.live-unreachable", r.reason().key());
    // asked every 100 ms for 2 s, per user, once for the whole run (not once per check)
    assertTrue(host.asked.get() <= 2 * 22, "asked " + host.asked.get() + " times");
  }
}
