package dev.hermesharden.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.system.sshd.SshdEffectiveConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimSshTest {
  @Test
  void freshVpsLetsRootAndPasswordsIn() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    ExecResult r = host.exec("sshd", "-T", "-C", "user=admin,host=localhost,addr=127.0.0.1");
    assertEquals(0, r.exitCode(), r.stderr());
    SshdEffectiveConfig e = SshdEffectiveConfig.parse(r.stdout());
    assertEquals("yes", e.first("permitrootlogin").orElseThrow());
    assertEquals(
        "yes", e.first("passwordauthentication").orElseThrow(), "50-cloud-init beats 60-cloudimg");
    assertEquals("no", e.first("kbdinteractiveauthentication").orElseThrow());
    assertEquals("yes", e.first("usepam").orElseThrow());
    assertEquals(List.of("LANG", "LC_*", "COLORTERM", "NO_COLOR"), e.words("acceptenv"));
    assertEquals("sftp /usr/lib/openssh/sftp-server", e.first("subsystem").orElseThrow());
    assertTrue(
        r.stdout().startsWith("port 22\naddressfamily any\nlistenaddress [::]:22\n"), r.stdout());
    assertEquals(0, host.exec("sshd", "-t").exitCode());
  }

  @Test
  void versionOnStderr() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    ExecResult v = host.exec("sshd", "-V");
    assertEquals(0, v.exitCode());
    assertEquals("OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024\n", v.stderr());
    assertEquals(v.stderr(), host.exec("ssh", "-V").stderr());
  }

  @Test
  void bogusKeywordBreaksSshdTestAndTheReload() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    host.writeFile("/etc/ssh/sshd_config.d/x.conf", "# x\nPort 22\nFoo bar\n", FileAttrs.KEEP);
    ExecResult t = host.exec("sshd", "-t");
    assertEquals(255, t.exitCode());
    assertEquals(
        "/etc/ssh/sshd_config.d/x.conf: line 3: Bad configuration option: Foo\n"
            + "/etc/ssh/sshd_config.d/x.conf: terminating, 1 bad configuration options\n",
        t.stderr());
    assertEquals(255, host.exec("sshd", "-T").exitCode());
    ExecResult reload = host.exec("systemctl", "reload", "ssh");
    assertEquals(1, reload.exitCode());
    assertTrue(reload.stderr().startsWith("Job for ssh.service failed"), reload.stderr());
    host.deleteFile("/etc/ssh/sshd_config.d/x.conf");
    assertEquals(
        0, host.exec("systemctl", "reload", "ssh").exitCode(), "the core handles a good reload");
  }

  @Test
  void servicesAsOnUbuntu() throws Exception {
    SimulatedHost host = SimulatedHost.fresh();
    assertEquals("enabled\n", host.exec("systemctl", "is-enabled", "ssh.service").stdout());
    assertEquals(3, host.exec("systemctl", "is-active", "ssh.socket").exitCode());
  }
}
