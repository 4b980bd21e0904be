package dev.hermesharden.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.system.sshkeys.AuthorizedKeysParser;
import org.junit.jupiter.api.Test;

class SimUsersTest {
  @Test
  void freshVpsAccounts() throws Exception {
    SimulatedHost h = SimulatedHost.fresh();
    assertEquals(
        "admin:x:1000:1000:Admin,,,:/home/admin:/bin/bash\n",
        h.exec("getent", "passwd", "admin").stdout());
    assertEquals("sudo:x:27:\n", h.exec("getent", "group", "sudo").stdout());
    ExecResult none = h.exec("getent", "passwd", "hermes");
    assertEquals(2, none.exitCode());
    assertEquals("", none.stdout() + none.stderr(), "getent is silent for a missing key");
    assertEquals("admin P 2024-11-20 0 99999 7 -1\n", h.exec("passwd", "-S", "admin").stdout());
    assertEquals("root P 2024-11-20 0 99999 7 -1\n", h.exec("passwd", "-S", "root").stdout());
    assertEquals("admin users\n", h.exec("id", "-nG", "admin").stdout());
    assertEquals("1000\n", h.exec("id", "-u", "admin").stdout());
    assertEquals(1, h.exec("id", "-nG", "hermes").exitCode());
    assertEquals(1, h.exec("passwd", "-S", "hermes").exitCode());
  }

  @Test
  void freshVpsHomesHaveTheHoles() throws Exception {
    SimulatedHost h = SimulatedHost.fresh();
    FileStat ssh = h.stat("/home/admin/.ssh").orElseThrow();
    assertEquals("0755", ssh.octalMode());
    assertEquals("0644", h.stat("/home/admin/.ssh/authorized_keys").orElseThrow().octalMode());
    assertEquals("0750", h.stat("/home/admin").orElseThrow().octalMode());
    var adminKeys =
        AuthorizedKeysParser.parse(h.readFile("/home/admin/.ssh/authorized_keys").orElseThrow())
            .keys();
    assertEquals(1, adminKeys.size());
    assertEquals("rsa 2048 bits < 3072", adminKeys.get(0).rejection().orElseThrow());
    var rootKeys =
        AuthorizedKeysParser.parse(h.readFile("/root/.ssh/authorized_keys").orElseThrow()).keys();
    assertEquals("ssh-ed25519", rootKeys.get(0).key().type());
  }

  @Test
  void adduserCreatesALockedAccountWithAPrivateHome() throws Exception {
    SimulatedHost h = SimulatedHost.fresh();
    ExecResult r = h.exec("adduser", "--disabled-password", "--gecos", "", "hermes");
    assertEquals(0, r.exitCode(), r.stderr());
    PasswdEntry e =
        PasswdEntry.parseFirst(h.exec("getent", "passwd", "hermes").stdout()).orElseThrow();
    assertEquals(1001, e.uid());
    assertEquals("/home/hermes", e.home());
    assertTrue(h.exec("passwd", "-S", "hermes").stdout().startsWith("hermes L "));
    assertEquals("hermes users\n", h.exec("id", "-nG", "hermes").stdout());
    assertEquals("hermes\n", h.exec("id", "-gn", "hermes").stdout());
    FileStat home = h.stat("/home/hermes").orElseThrow();
    assertEquals("0750 hermes hermes", home.octalMode() + " " + home.owner() + " " + home.group());
    assertTrue(h.readFile("/etc/shadow").orElseThrow().contains("\nhermes:!:"));
    assertEquals(1, h.exec("adduser", "--disabled-password", "--gecos", "", "hermes").exitCode());
  }

  @Test
  void usermodAndGpasswd() throws Exception {
    SimulatedHost h = SimulatedHost.fresh();
    assertEquals(0, h.exec("usermod", "-aG", "sudo", "admin").exitCode());
    assertEquals("admin sudo users\n", h.exec("id", "-nG", "admin").stdout());
    assertEquals(6, h.exec("usermod", "-aG", "nosuch", "admin").exitCode());
    assertEquals(6, h.exec("usermod", "-aG", "sudo", "ghost").exitCode());
    assertEquals(
        "Removing user admin from group sudo\n", h.exec("gpasswd", "-d", "admin", "sudo").stdout());
    assertEquals(3, h.exec("gpasswd", "-d", "admin", "sudo").exitCode());
    assertEquals(0, h.exec("usermod", "-s", "/usr/sbin/nologin", "admin").exitCode());
    assertTrue(h.exec("getent", "passwd", "admin").stdout().strip().endsWith(":/usr/sbin/nologin"));
  }
}
