package dev.hermesharden.checks.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.ForwardingHost;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshAuthOffer;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.practice.SimulatedHost;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A second SSH server of root's, started with settings of its own ({@code sshd -p 2200 -o
 * PasswordAuthentication=yes}), let a password login in from the internet while every file in
 * {@code /etc/ssh} said no and the sshd step passed (found in the sandbox VPS, see
 * SandboxSshdTrapsTest). Its socket is in ss's table: it is asked, and the step fails naming it.
 */
class SshdOtherServerTest {
  private static final StepContext CTX = StepContext.of(Answers.EMPTY);

  /** The practice VPS, hardened, with root's sshd also listening on {@code secondPort} (not 0). */
  private static final class TwoServers extends ForwardingHost {
    final int secondPort;

    /** What /proc/4242/cmdline, the listener's, holds; empty: unreadable. */
    String cmdline = "";

    TwoServers(int secondPort) throws HostException {
      super(SimulatedHost.fresh());
      this.secondPort = secondPort;
      writeFile(
          "/etc/ssh/sshd_config.d/01-hard.conf",
          "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n",
          FileAttrs.KEEP);
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
      if (argv.equals(List.of("ss", "-Htlnpe"))) {
        return new ExecResult(
            argv,
            0,
            "LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=4242,fd=3)) ino:1 sk:1\n"
                + (secondPort == 0
                    ? ""
                    : "LISTEN 0 128 0.0.0.0:"
                        + secondPort
                        + " 0.0.0.0:* users:((\"sshd\",pid=4343,fd=3)) ino:2 sk:2\n"),
            "");
      }
      return super.exec(argv, timeout);
    }

    @Override
    public Optional<String> readFile(String path, Charset charset) throws HostException {
      if (path.equals("/proc/4242/cmdline")) {
        return cmdline.isEmpty() ? Optional.empty() : Optional.of(cmdline);
      }
      return super.readFile(path, charset);
    }

    @Override
    public SshAuthOffer sshAuthOffer(String address, int port, String user) throws HostException {
      if (port == secondPort) {
        return new SshAuthOffer(
            address, port, user, List.of("publickey", "password", "keyboard-interactive"), false);
      }
      return super.sshAuthOffer(address, port, user);
    }
  }

  private static Verdict run(SshdCheck check, TwoServers host, String method) throws HostException {
    Params p = method.isEmpty() ? new Params(Map.of()) : new Params(Map.of("method", method));
    return check.run(host, p, CTX);
  }

  @Test
  void aSecondServerOfferingPasswordsFailsTheStep() throws Exception {
    TwoServers host = new TwoServers(2200);
    Verdict running = run(new SshdRunningConfigCheck(), host, "");
    assertEquals(Status.FAIL, running.status(), running.toString());
    assertEquals("reason.sshd.live-other-server", running.reason().key());
    assertTrue(running.toString().contains("0.0.0.0:2200 sshd"), running.toString());
    for (String method : List.of("password", "keyboard-interactive")) {
      Verdict v = run(new SshdSecretLoginCheck(), host, method);
      assertEquals(Status.FAIL, v.status(), v.toString());
      assertEquals("reason.sshd.other-server-offers", v.reason().key(), v.toString());
      assertTrue(v.toString().contains(":2200"), v.toString());
    }
  }

  /**
   * The files' sshd started as {@code sshd -D -o PermitRootLogin=yes} (a systemd override, {@code
   * SSHD_OPTS}): the files and {@code sshd -T} say no root login, the probe cannot tell.
   */
  @Test
  void theFilesSshdWithSettingsOnItsCommandLineFails() throws Exception {
    TwoServers host = new TwoServers(0);
    host.cmdline =
        "sshd: /usr/sbin/sshd -D -o PermitRootLogin=yes [listener] 0 of 10-100 startups\0";
    Verdict running = run(new SshdRunningConfigCheck(), host, "");
    assertEquals("reason.sshd.live-own-options", running.reason().key(), running.toString());
    assertTrue(running.toString().contains("pid 4242: -o PermitRootLogin=yes"), running.toString());
    // every PASS that rests on the files says so too
    Verdict root = new SshdRootLoginCheck().run(host, Params.NONE, CTX);
    assertEquals("reason.sshd.live-own-options", root.reason().key(), root.toString());
    assertEquals("reason.sshd.root-login-off", root.details().get("on-disk"), root.toString());
  }

  /** A port the files name is the files' sshd, however many ports it listens on. */
  @Test
  void aPortTheFilesNameIsTheFilesSshd() throws Exception {
    TwoServers host = new TwoServers(2222);
    host.writeFile("/etc/ssh/sshd_config.d/02-ports.conf", "Port 22\nPort 2222\n", FileAttrs.KEEP);
    Verdict running = run(new SshdRunningConfigCheck(), host, "");
    // the files' own sshd on its second port, answering other than its files: drift, as before
    assertEquals("reason.sshd.live-drift", running.reason().key(), running.toString());
  }
}
