package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sandbox VPS itself works as a fresh cloud VPS with real daemons. The methods share one VPS
 * and run in order: the fresh state is looked at before ufw is switched on.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxVpsSmokeTest {
  private static final String ADMIN_PUBLIC = "admin@" + SandboxVps.VPS_PUBLIC;
  private static final String ADMIN_TAILNET = "admin@" + SandboxVps.VPS_TAILNET;

  @Test
  @Order(1)
  void keyLoginWorksOverBothPathsAndPasswordsAreOffered(SandboxVps vps) throws Exception {
    ExecResult pub = vps.fromWorkstation(vps.ssh(ADMIN_PUBLIC, "id", "-un"));
    assertEquals("admin", pub.stdout().strip(), pub.stderr());
    ExecResult tail = vps.fromWorkstation(vps.ssh(ADMIN_TAILNET, "true"));
    assertEquals(0, tail.exitCode(), tail.stderr());

    List<String> pw = vps.ssh(ADMIN_PUBLIC, "true");
    pw.addAll(1, List.of("-o", "PreferredAuthentications=password", "-o", "LogLevel=INFO"));
    ExecResult refused = vps.fromWorkstation(pw);
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.stderr().contains("(publickey,password)"), refused.stderr());

    ExecResult t =
        vps.inVps(List.of("sshd", "-T", "-C", "user=admin,host=203.0.113.7,addr=203.0.113.7"));
    assertTrue(t.stdout().contains("\npasswordauthentication yes\n"), t.stdout());
    assertTrue(t.stdout().contains("\npermitrootlogin yes\n"), t.stdout());
  }

  @Test
  @Order(2)
  void auditOnTheFreshVpsFindsTheHoles(SandboxVps vps) throws Exception {
    ExecResult audit = vps.hermesHarden("audit", "--json");
    assertEquals(3, audit.exitCode(), audit.stderr());
    JsonNode checks = new ObjectMapper().readTree(audit.stdout()).get("checks");
    JsonNode pw = check(checks, "sshd.password-authentication");
    assertEquals("FAIL", pw.get("status").asText(), pw.toString());
    assertTrue(
        pw.get("details").get("source").asText().contains("50-cloud-init.conf"), pw.toString());
    JsonNode docker = check(checks, "docker.containers-loopback");
    assertEquals("FAIL", docker.get("status").asText(), docker.toString());
    JsonNode ufw = check(checks, "firewall.active");
    assertEquals("FAIL", ufw.get("status").asText(), ufw.toString());
  }

  @Test
  @Order(3)
  void fail2banStartedThroughSystemctlMatchesAFailedLogin(SandboxVps vps) throws Exception {
    Files.writeString(
        vps.vpsPath("/etc/fail2ban/jail.local"),
        "[sshd]\nenabled = true\nbackend = polling\nlogpath = /var/log/auth.log\n");
    ExecResult start = vps.inVps(List.of("systemctl", "enable", "--now", "fail2ban"));
    assertEquals(0, start.exitCode(), start.stderr());
    assertEquals(
        "active", vps.inVps(List.of("systemctl", "is-active", "fail2ban")).stdout().strip());

    String bogus = "hh-bogus-" + UUID.randomUUID().toString().substring(0, 8);
    ExecResult login = vps.fromWorkstation(vps.ssh(bogus + "@" + SandboxVps.VPS_PUBLIC, "true"));
    assertNotEquals(0, login.exitCode());

    String matched = "";
    for (int i = 0; i < 50 && !matched.contains(bogus); i++) {
      Thread.sleep(200);
      matched =
          vps.inVps(List.of("fail2ban-regex", "/var/log/auth.log", "sshd", "--print-all-matched"))
              .stdout();
    }
    assertTrue(
        matched.contains("Invalid user " + bogus + " from " + SandboxVps.WS_PUBLIC), matched);
  }

  @Test
  @Order(4)
  void ufwWorksInsideTheVpsOnly(SandboxVps vps) throws Exception {
    for (List<String> argv :
        List.of(
            List.of("ufw", "default", "deny", "incoming"),
            List.of(
                "ufw",
                "allow",
                "in",
                "on",
                "tailscale0",
                "to",
                "any",
                "port",
                "22",
                "proto",
                "tcp"),
            List.of("ufw", "--force", "enable"))) {
      ExecResult r = vps.inVps(argv);
      assertEquals(0, r.exitCode(), r.commandLine() + "\n" + r.stderr());
    }
    ExecResult tail = vps.fromWorkstation(vps.ssh(ADMIN_TAILNET, "true"));
    assertEquals(0, tail.exitCode(), tail.stderr());
    ExecResult pub = vps.fromWorkstation(tcpConnect(SandboxVps.VPS_PUBLIC, 22));
    assertNotEquals(0, pub.exitCode(), "public SSH still reachable with ufw denying incoming");
    assertEquals(
        vps.hostNetworkAtStart(), SandboxVps.hostNetwork(), "this machine's firewall changed");
  }

  @Test
  @Order(5)
  void dockerPublishedPortAnswersWhileUfwDeniesIncoming(SandboxVps vps) throws Exception {
    ExecResult status = vps.inVps(List.of("ufw", "status", "verbose"));
    assertTrue(status.stdout().contains("Default: deny (incoming)"), status.stdout());
    ExecResult http =
        vps.fromWorkstation(
            List.of("timeout", "10", "busybox", "wget", "-qO-", "http://203.0.113.10:8642/"));
    assertEquals("hermes stand-in", http.stdout().strip(), http.stderr());
    assertEquals(
        vps.hostNetworkAtStart(), SandboxVps.hostNetwork(), "this machine's firewall changed");
  }

  private static List<String> tcpConnect(String host, int port) {
    return List.of("timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port);
  }

  private static JsonNode check(JsonNode checks, String id) {
    for (JsonNode c : checks) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no check " + id + " in " + checks);
  }
}
