package dev.hermesharden.system.fail2ban;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Fail2banParsersTest {
  static String fixture(String name) {
    try (InputStream in =
        Fail2banParsersTest.class.getResourceAsStream("/fixtures/fail2ban/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("fixture missing: " + name, e);
    }
  }

  @Test
  void clientStatus() {
    assertEquals(
        new Fail2banStatus(1, List.of("sshd")), Fail2banStatus.parse(fixture("client-status.txt")));
    assertEquals(
        List.of("nginx-http-auth", "recidive", "sshd"),
        Fail2banStatus.parse(fixture("client-status-three.txt")).jails());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Fail2banStatus.parse(
                "ERROR   Failed to access socket path: /var/run/fail2ban/fail2ban.sock."));
  }

  @Test
  void jailStatusJournalVariant() {
    JailStatus s = JailStatus.parse(fixture("status-sshd-journal.txt"));
    assertEquals("sshd", s.jail());
    assertEquals(5, s.totalFailed());
    assertEquals(Optional.of("_SYSTEMD_UNIT=sshd.service + _COMM=sshd"), s.journalMatches());
    assertEquals(List.of(), s.fileList());
    assertEquals(List.of(), s.bannedIps());
  }

  @Test
  void jailStatusFileVariant() {
    JailStatus s = JailStatus.parse(fixture("status-sshd-file.txt"));
    assertEquals(List.of("/var/log/auth.log"), s.fileList());
    assertEquals(Optional.empty(), s.journalMatches());
    assertEquals(2, s.currentlyFailed());
    assertEquals(311, s.totalFailed());
    assertEquals(47, s.totalBanned());
    assertEquals(List.of("203.0.113.7", "198.51.100.23"), s.bannedIps());
    assertThrows(
        IllegalArgumentException.class,
        () -> JailStatus.parse("Sorry but the jail 'sshd' does not exist\n"));
  }

  @Test
  void ignoreIp() {
    assertEquals(
        List.of("127.0.0.0/8", "::1"), IgnoreIpList.parse(fixture("ignoreip-loopback.txt")));
    assertEquals(
        List.of("127.0.0.0/8", "::1", "100.64.0.0/10", "fd7a:115c:a1e0::/48"),
        IgnoreIpList.parse(fixture("ignoreip-tailscale.txt")));
    assertEquals(List.of(), IgnoreIpList.parse(fixture("ignoreip-none.txt")));
  }

  @Test
  void regexSummaryAndMatchedLines() {
    FailRegexResult r = FailRegexResult.parse(fixture("regex-journal-matched.txt"));
    assertEquals(new FailRegexResult(12, 0, 3, 9, r.matchedLines()), r);
    assertEquals(3, r.matchedLines().size());
    assertTrue(r.matchedLines().get(2).contains("hh-probe-5c1e09ab"));
  }

  @Test
  void regexMissedLinesAreNotMatched() {
    FailRegexResult r = FailRegexResult.parse(fixture("regex-single-line-missed.txt"));
    assertEquals(0, r.matched());
    assertEquals(List.of(), r.matchedLines());
    assertThrows(
        IllegalArgumentException.class, () -> FailRegexResult.parse("ERROR: No failure-regex\n"));
  }

  @Test
  void jailConfigMergeOrderDefaultsAndReferences() {
    String jailConf =
        "[INCLUDES]\nbefore = paths-debian.conf\n[DEFAULT]\nbackend = auto\nenabled = false\n"
            + "[sshd]\nport = ssh\nlogpath = %(sshd_log)s\nbackend = %(sshd_backend)s\n";
    String paths =
        "[DEFAULT]\nsyslog_authpriv = /var/log/auth.log\nsshd_log = %(syslog_authpriv)s\n"
            + "default_backend = auto\nsshd_backend = %(default_backend)s\n";
    String debian = "[sshd]\nenabled = true\n";
    JailConfig stock = JailConfig.parse(List.of(paths, jailConf, debian));
    assertTrue(stock.enabled("sshd"));
    assertEquals(Optional.of("auto"), stock.get("sshd", "backend"));
    assertEquals(Optional.of("/var/log/auth.log"), stock.get("sshd", "logpath"));
    assertEquals(Optional.of("ssh"), stock.get("sshd", "port"));
    assertEquals(List.of("sshd"), stock.jails());

    JailConfig custom =
        JailConfig.parse(List.of(paths, jailConf, debian, fixture("jail-local-custom.txt")));
    assertEquals(
        Optional.of("polling"), custom.get("sshd", "backend"), "jail.local overrides jail.conf");
    assertEquals(Optional.of("2h"), custom.get("sshd", "bantime"), "inline comment dropped");
    assertEquals(
        Optional.of("127.0.0.1/8 ::1\n192.0.2.10"),
        custom.get("sshd", "ignoreip"),
        "continuation line");

    JailConfig ours =
        JailConfig.parse(List.of(paths, jailConf, debian, "[sshd]\nbackend = systemd\n"));
    assertEquals(Optional.of("systemd"), ours.get("sshd", "backend"));
  }

  @Test
  void jailConfigFileOrderIsConfThenLocal() {
    List<String> p =
        JailConfig.paths(List.of("zz.conf", "hermes-harden.local", "defaults-debian.conf"));
    assertEquals(
        List.of(
            "/etc/fail2ban/paths-common.conf",
            "/etc/fail2ban/paths-debian.conf",
            "/etc/fail2ban/jail.conf",
            "/etc/fail2ban/jail.d/defaults-debian.conf",
            "/etc/fail2ban/jail.d/zz.conf",
            "/etc/fail2ban/jail.local",
            "/etc/fail2ban/jail.d/hermes-harden.local"),
        p);
  }

  @Test
  void hostLogSource() {
    assertTrue(new HostLogSource(false, false).journalOnly());
    assertTrue(new HostLogSource(true, false).journalOnly(), "a stale auth.log without rsyslog");
    assertFalse(new HostLogSource(true, true).journalOnly());
    assertFalse(new HostLogSource(false, true).suits("auto"));
    assertTrue(new HostLogSource(false, true).suits("systemd"));
    assertTrue(new HostLogSource(true, true).suits("auto"));
  }

  /** Regression: on Debian 12 the sshd backend is only known through %(default/backend)s. */
  @Test
  void debianBackendChainResolvesThroughTheDefaultSection() {
    String pathsCommon = "[DEFAULT]\ndefault_backend = %(default/backend)s\n";
    String pathsDebian =
        "[INCLUDES]\nbefore = paths-common.conf\n[DEFAULT]\nsshd_backend = %(default_backend)s\n";
    String jailConf = "[DEFAULT]\nbackend = auto\n[sshd]\nport = ssh\nbackend = %(sshd_backend)s\n";
    JailConfig cfg = JailConfig.parse(java.util.List.of(pathsCommon, pathsDebian, jailConf));
    assertEquals(java.util.Optional.of("auto"), cfg.get("sshd", "backend"));
    String local = "[sshd]\nbackend = systemd\n";
    JailConfig ours =
        JailConfig.parse(java.util.List.of(pathsCommon, pathsDebian, jailConf, local));
    assertEquals(java.util.Optional.of("systemd"), ours.get("sshd", "backend"));
  }
}
