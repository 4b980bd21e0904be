package dev.hermesharden.checks.fail2ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.model.Answers;
import dev.hermesharden.model.StepContext;
import dev.hermesharden.system.fail2ban.Fail2banStatus;
import dev.hermesharden.system.fail2ban.FailRegexResult;
import dev.hermesharden.system.fail2ban.HostLogSource;
import dev.hermesharden.system.fail2ban.IgnoreIpList;
import dev.hermesharden.system.fail2ban.JailConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Fail2banChecksTest {
  private static final StepContext TAILSCALE = StepContext.of(Answers.EMPTY);
  private static final StepContext CIDR =
      StepContext.of(
          Answers.EMPTY
              .with(Answers.PRIVATE_PATH_KIND, "cidr")
              .with(Answers.PRIVATE_PATH_CIDR, "10.8.0.0/24"));
  private static final HostLogSource JOURNALD = new HostLogSource(false, false);
  private static final HostLogSource RSYSLOG = new HostLogSource(true, true);

  static String fixture(String name) {
    try (InputStream in =
        Fail2banChecksTest.class.getResourceAsStream("/fixtures/fail2ban/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("fixture missing: " + name, e);
    }
  }

  @Test
  void sshdJailListed() {
    SshdJailCheck c = new SshdJailCheck();
    Params p = new Params(Map.of("jail", "sshd"));
    SshdJailCheck.Facts three =
        new SshdJailCheck.Facts(
            Optional.of(Fail2banStatus.parse(fixture("client-status-three.txt"))), "");
    assertEquals(Status.PASS, c.evaluate(three, p, TAILSCALE).status());
    SshdJailCheck.Facts other =
        new SshdJailCheck.Facts(Optional.of(new Fail2banStatus(1, List.of("recidive"))), "");
    assertEquals(Status.FAIL, c.evaluate(other, p, TAILSCALE).status());
    Verdict down =
        c.evaluate(
            new SshdJailCheck.Facts(Optional.empty(), "ERROR   Failed to access socket path"),
            p,
            TAILSCALE);
    assertEquals("reason.fail2ban.server-down", down.reason().key());
  }

  @Test
  void backendAutoOnJournaldHostFails() {
    JailBackendCheck c = new JailBackendCheck();
    Verdict v = c.evaluate(new JailBackendCheck.Facts("auto", JOURNALD), Params.NONE, TAILSCALE);
    assertEquals(Status.FAIL, v.status());
    assertEquals(List.of("auto", "journald", "systemd"), v.reason().args());
    assertEquals(
        Status.PASS,
        c.evaluate(new JailBackendCheck.Facts("systemd", JOURNALD), Params.NONE, TAILSCALE)
            .status());
    assertEquals(
        Status.PASS,
        c.evaluate(new JailBackendCheck.Facts("auto", RSYSLOG), Params.NONE, TAILSCALE).status());
    assertEquals(
        Status.PASS,
        c.evaluate(
                new JailBackendCheck.Facts("systemd[journalflags=1]", JOURNALD),
                Params.NONE,
                TAILSCALE)
            .status());
  }

  @Test
  void ignoreIpMissingThePrivatePathFails() {
    IgnoreIpCheck c = new IgnoreIpCheck();
    IgnoreIpCheck.Facts loopbackOnly =
        new IgnoreIpCheck.Facts(
            Optional.of(IgnoreIpList.parse(fixture("ignoreip-loopback.txt"))), "");
    Verdict v = c.evaluate(loopbackOnly, Params.NONE, TAILSCALE);
    assertEquals(Status.FAIL, v.status());
    // Tailscale's IPv6 range too: a login over it is a login over the path
    assertEquals(List.of("100.64.0.0/10 fd7a:115c:a1e0::/48"), v.reason().args());
    IgnoreIpCheck.Facts ts =
        new IgnoreIpCheck.Facts(
            Optional.of(IgnoreIpList.parse(fixture("ignoreip-tailscale.txt"))), "");
    assertEquals(Status.PASS, c.evaluate(ts, Params.NONE, TAILSCALE).status());
    assertEquals(
        Status.FAIL,
        c.evaluate(ts, Params.NONE, CIDR).status(),
        "100.64/10 does not hold 10.8.0.0/24");
    Verdict none =
        c.evaluate(new IgnoreIpCheck.Facts(Optional.of(List.of()), ""), Params.NONE, TAILSCALE);
    assertEquals(
        List.of("127.0.0.1/8 ::1 100.64.0.0/10 fd7a:115c:a1e0::/48"), none.reason().args());
  }

  @Test
  void filterMatchesOnlyWhenTheProbeUserIsMatched() {
    FilterMatchesCheck c = new FilterMatchesCheck();
    FailRegexResult journal = FailRegexResult.parse(fixture("regex-journal-matched.txt"));
    assertEquals(
        Status.PASS,
        c.evaluate(
                new FilterMatchesCheck.Facts(
                    "hh-probe-5c1e09ab", "systemd-journal", Optional.of(journal), ""),
                Params.NONE,
                TAILSCALE)
            .status());
    Verdict other =
        c.evaluate(
            new FilterMatchesCheck.Facts(
                "hh-probe-00000000", "systemd-journal", Optional.of(journal), ""),
            Params.NONE,
            TAILSCALE);
    assertEquals(
        Status.FAIL, other.status(), "other failures in the log are no proof for this probe");
    FailRegexResult single = FailRegexResult.parse(fixture("regex-single-line-missed.txt"));
    assertEquals(
        Status.FAIL,
        c.evaluate(
                new FilterMatchesCheck.Facts(
                    "hh-probe-5c1e09ab", "/var/log/auth.log", Optional.of(single), ""),
                Params.NONE,
                TAILSCALE)
            .status());
    assertEquals(
        "reason.fail2ban.regex-failed",
        c.evaluate(
                new FilterMatchesCheck.Facts(
                    "hh-probe-1", "systemd-journal", Optional.empty(), "boom"),
                Params.NONE,
                TAILSCALE)
            .reason()
            .key());
  }

  @Test
  void regexSourceFollowsTheJailBackend() {
    assertEquals(
        "systemd-journal",
        FilterMatchesCheck.source(JailConfig.parse(List.of("[sshd]\nbackend = systemd\n"))));
    assertEquals(
        "/var/log/auth.log",
        FilterMatchesCheck.source(
            JailConfig.parse(List.of("[sshd]\nbackend = auto\nlogpath = %(sshd_log)s\n"))));
    assertEquals(
        "/var/log/secure",
        FilterMatchesCheck.source(
            JailConfig.parse(List.of("[sshd]\nlogpath = /var/log/secure\n"))));
    List<String> argv = FilterMatchesCheck.probeArgv("127.0.0.1", "22");
    assertTrue(
        argv.contains("BatchMode=yes")
            && argv.subList(1, 3).equals(List.of("-F", "/dev/stdin"))
            && argv.get(argv.size() - 2).equals("127.0.0.1"),
        "" + argv);
    assertEquals(
        "User hh-probe-ab\n",
        new String(FilterMatchesCheck.probeConfig("hh-probe-ab"), StandardCharsets.US_ASCII));
  }
}
