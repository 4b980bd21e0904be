package dev.hermesharden.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.HostException;
import org.junit.jupiter.api.Test;

/** The practice VPS answers ufw and fail2ban commands with the real tools' wording. */
class SimUfwFail2banTest {
  @Test
  void ufwWording() throws HostException {
    SimulatedHost h = SimulatedHost.fresh();
    assertEquals("Status: inactive\n", h.exec("ufw", "status", "verbose").stdout());
    assertEquals("Rules updated\n", h.exec("ufw", "allow", "22/tcp").stdout(), "IPV6=no, inactive");
    assertEquals(
        "Default incoming policy changed to 'deny'\n(be sure to update your rules accordingly)\n",
        h.exec("ufw", "default", "deny", "incoming").stdout());
    assertEquals(
        1, h.exec("ufw", "enable").exitCode(), "no --force: the prompt aborts without a tty");
    assertEquals(
        "Firewall is active and enabled on system startup\n",
        h.exec("ufw", "--force", "enable").stdout());
    h.writeFile(
        "/etc/default/ufw",
        h.readFile("/etc/default/ufw").orElseThrow().replace("IPV6=no", "IPV6=yes"),
        dev.hermesharden.host.FileAttrs.KEEP);
    assertEquals(
        "Rule added\nRule added (v6)\n",
        h.exec("ufw", "allow", "in", "on", "tailscale0", "to", "any", "port", "22", "proto", "tcp")
            .stdout());
    assertEquals(
        "Skipping adding existing rule\nSkipping adding existing rule (v6)\n",
        h.exec("ufw", "allow", "in", "on", "tailscale0", "to", "any", "port", "22", "proto", "tcp")
            .stdout());
    assertEquals(
        "Rule added\n",
        h.exec("ufw", "allow", "from", "100.64.0.0/10", "to", "any", "port", "22", "proto", "tcp")
            .stdout());
    String verbose = h.exec("ufw", "status", "verbose").stdout();
    assertEquals(
        "Status: active\nLogging: on (low)\nDefault: deny (incoming), allow (outgoing), disabled (routed)\n"
            + "New profiles: skip\n\n"
            + "To                         Action      From\n"
            + "--                         ------      ----\n"
            + "22/tcp                     ALLOW IN    Anywhere\n"
            + "22/tcp on tailscale0       ALLOW IN    Anywhere\n"
            + "22/tcp                     ALLOW IN    100.64.0.0/10\n"
            + "22/tcp (v6) on tailscale0  ALLOW IN    Anywhere (v6)\n\n",
        verbose);
    assertTrue(
        h.exec("ufw", "status", "numbered")
            .stdout()
            .contains("[ 4] 22/tcp (v6) on tailscale0  ALLOW IN    Anywhere (v6)\n"));
    assertEquals("Rule deleted (v6)\n", h.exec("ufw", "--force", "delete", "4").stdout());
    ExecResult missing = h.exec("ufw", "--force", "delete", "9");
    assertEquals("ERROR: Could not find rule '9'\n", missing.stderr());
    assertEquals(
        "Firewall stopped and disabled on system startup\n", h.exec("ufw", "disable").stdout());
  }

  @Test
  void fail2banBeforeAndAfterInstall() throws HostException {
    SimulatedHost h = SimulatedHost.fresh();
    ExecResult q = h.exec("dpkg-query", "-W", "-f=${Status}", "fail2ban");
    assertEquals(1, q.exitCode());
    assertEquals("dpkg-query: no packages found matching fail2ban\n", q.stderr());
    assertEquals(127, h.exec("fail2ban-client", "status").exitCode());
    h.exec("apt-get", "-y", "install", "fail2ban");
    assertEquals(
        "install ok installed", h.exec("dpkg-query", "-W", "-f=${Status}", "fail2ban").stdout());
    ExecResult down = h.exec("fail2ban-client", "ping");
    assertEquals(255, down.exitCode());
    assertTrue(down.stderr().contains("Is fail2ban running?"));
    assertEquals(
        1, h.exec("systemctl", "restart", "fail2ban").exitCode(), "backend auto, no auth.log");
    ExecResult probe = h.exec("ssh", "-o", "BatchMode=yes", "hh-probe-1a2b@127.0.0.1", "true");
    assertEquals(255, probe.exitCode());
    assertTrue(probe.stderr().contains("hh-probe-1a2b@127.0.0.1: Permission denied (publickey)."));
    String journal =
        h.exec("fail2ban-regex", "--print-all-matched", "systemd-journal", "sshd").stdout();
    assertTrue(journal.contains("Lines: 4 lines, 0 ignored, 1 matched, 3 missed"), journal);
    assertTrue(journal.contains("Invalid user hh-probe-1a2b from 127.0.0.1"), journal);
    String file =
        h.exec("fail2ban-regex", "--print-all-matched", "/var/log/auth.log", "sshd").stdout();
    assertTrue(file.contains("Use      single line : /var/log/auth.log"), file);
    assertTrue(file.contains("0 matched"), file);
  }
}
