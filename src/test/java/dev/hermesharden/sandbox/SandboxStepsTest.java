package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.assertAllPassExcept;
import static dev.hermesharden.sandbox.Cli.assertNothingToDo;
import static dev.hermesharden.sandbox.Cli.assertStatus;
import static dev.hermesharden.sandbox.Cli.audit;
import static dev.hermesharden.sandbox.Cli.run;
import static dev.hermesharden.sandbox.Cli.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The nine steps, in order, on one fresh sandbox VPS through the real CLI run inside it: audit
 * shows the holes, plan shows the fix, apply makes the change, audit of the step passes, and a
 * second apply changes nothing (plan empty, touched files byte for byte the same).
 *
 * <p>Steps 3 and 5 prove logins through the real login-proof flow ({@link Proofs}); steps 4 and 5
 * then run through the CLI's guard: step 5 is first refused without a key-login proof.
 *
 * <p>Caveat: the methods share the VPS and depend on each other's order, as the wizard's steps do.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxStepsTest {
  private static final String[] USER_DB = {"/etc/passwd", "/etc/group", "/etc/shadow"};

  @Test
  @Order(1)
  void usersAddsAdminToSudoAndCreatesTheServiceUser(SandboxVps vps) throws Exception {
    Map<String, JsonNode> before = audit(vps, "users");
    assertStatus(before, "users.admin-sudo", "FAIL");
    assertStatus(before, "users.service-user-exists", "FAIL");

    String plan = run(vps, 0, "plan", "--step", "users");
    assertTrue(plan.contains("$ usermod -aG sudo -- admin"), plan);
    assertTrue(plan.contains("$ adduser --disabled-password"), plan);

    run(vps, 0, "apply", "--step", "users", "--yes");
    assertAllPassExcept(audit(vps, "users"));
    ExecResult id = vps.inVps(List.of("id", "-nG", "admin"));
    assertTrue(id.stdout().contains("sudo"), id.stdout());
    ExecResult hermes = vps.inVps(List.of("passwd", "-S", "hermes"));
    assertTrue(hermes.stdout().startsWith("hermes L "), hermes.stdout());

    assertSecondApplyChangesNothing(vps, "users", USER_DB);
  }

  @Test
  @Order(2)
  void sshKeysClosesTheAdminsKeyFiles(SandboxVps vps) throws Exception {
    // the harness gives admin the workstation key already; open the modes so there is a hole
    vps.inVps(List.of("chmod", "0755", "/home/admin/.ssh"));
    vps.inVps(List.of("chmod", "0644", "/home/admin/.ssh/authorized_keys"));
    Map<String, JsonNode> before = audit(vps, "ssh-keys");
    assertStatus(before, "ssh-keys.dir-mode", "FAIL");
    assertStatus(before, "ssh-keys.file-mode", "FAIL");
    assertStatus(before, "ssh-keys.key-login", "FAIL");

    String plan = run(vps, 0, "plan", "--step", "ssh-keys");
    assertTrue(plan.contains("$ chmod 700 /home/admin/.ssh"), plan);
    assertTrue(plan.contains("$ chmod 600 /home/admin/.ssh/authorized_keys"), plan);

    // exit 3: the key-login proof is still missing, the modes are fixed
    run(vps, 3, "apply", "--step", "ssh-keys", "--yes");
    Map<String, JsonNode> after = audit(vps, "ssh-keys");
    assertAllPassExcept(after, "ssh-keys.key-login");
    ExecResult modes =
        vps.inVps(
            List.of("stat", "-c", "%a %U", "/home/admin/.ssh", "/home/admin/.ssh/authorized_keys"));
    assertEquals("700 admin\n600 admin\n", modes.stdout());
    ExecResult login = vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "true"));
    assertEquals(0, login.exitCode(), "key login broken after the modes fix: " + login.stderr());

    assertSecondApplyChangesNothing(
        vps, "ssh-keys", 3, "/home/admin/.ssh/authorized_keys", "/etc/ssh/sshd_config");
    // no proof yet: step 5's test first sees the guard refuse without it, then proves it
    Proofs.skip(vps, "ssh-keys");
  }

  @Test
  @Order(3)
  void privatePathSeesTheTailnetAndChangesNothing(SandboxVps vps) throws Exception {
    Map<String, JsonNode> before = audit(vps, "private-path");
    assertStatus(before, "private-path.tailscale", "PASS");
    assertEquals(
        SandboxVps.VPS_TAILNET,
        before.get("private-path.tailscale").get("details").get("address").asText());
    assertStatus(before, "private-path.login", "FAIL");
    String plan = run(vps, 0, "plan", "--step", "private-path");
    assertTrue(plan.lines().noneMatch(l -> l.startsWith("$ ")), plan);
    // the wizard shows the tailscale0 address; the login comes over the tailnet veth
    String proved = Proofs.prove(vps, "private-path", Optional.empty());
    assertTrue(proved.contains("from 100.64.0.2"), proved);
    assertAllPassExcept(audit(vps, "private-path"));
  }

  @Test
  @Order(4)
  void firewallIsInactiveOnTheFreshVps(SandboxVps vps) throws Exception {
    Map<String, JsonNode> before = audit(vps, "firewall");
    assertStatus(before, "firewall.active", "FAIL");
    assertStatus(before, "firewall.no-public-ssh", "FAIL");
    String plan = run(vps, 0, "plan", "--step", "firewall");
    assertTrue(plan.contains("$ ufw allow in on tailscale0 to any port 22 proto tcp"), plan);
    assertTrue(plan.contains("$ ufw --force enable"), plan);

    // each destructive fix arms a revert; a new private-path proof over the tailnet disarms it
    String applied =
        Proofs.applyConfirmed(vps, SandboxVps.VPS_TAILNET, "--step", "firewall", "--yes");
    assertTrue(applied.contains("auto-revert is disarmed"), applied);
    assertAllPassExcept(audit(vps, "firewall"));
    ExecResult tail = vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_TAILNET, "true"));
    assertEquals(0, tail.exitCode(), "tailnet login after the firewall step: " + tail.stderr());
    ExecResult pub = vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "true"));
    assertTrue(pub.exitCode() != 0, "public SSH still open after the firewall step");
    assertSecondApplyChangesNothing(
        vps, "firewall", "/etc/ufw/user.rules", "/etc/ufw/user6.rules", "/etc/ufw/ufw.conf");
    assertEquals(
        vps.hostNetworkAtStart(), SandboxVps.hostNetwork(), "this machine's firewall changed");
  }

  @Test
  @Order(5)
  void sshdFixIsRefusedWithoutAProofThenAppliedWithTheRealProof(SandboxVps vps) throws Exception {
    String[] files = {
      "/etc/ssh/sshd_config",
      "/etc/ssh/sshd_config.d/50-cloud-init.conf",
      "/etc/ssh/sshd_config.d/00-hermes-harden.conf"
    };
    Map<String, String> shaBefore;
    Map<String, JsonNode> before = audit(vps, "sshd");
    assertStatus(before, "sshd.password-authentication", "FAIL");
    assertStatus(before, "sshd.permit-root-login", "FAIL");
    String plan = run(vps, 0, "plan", "--step", "sshd");
    assertTrue(plan.contains("+PasswordAuthentication no"), plan);
    assertTrue(plan.contains("$ systemctl reload ssh"), plan);

    shaBefore = sha(vps, files);
    String refused = run(vps, 3, "apply", "--step", "sshd", "--yes");
    assertTrue(refused.contains("proof"), refused);
    assertEquals(shaBefore, sha(vps, files), "sshd's config changed although refused");
    assertTrue(sshdT(vps).contains("\npasswordauthentication yes\n"));

    // the real proof: prove waits in the VPS, the workstation logs in with the key only and
    // confirms; over the tailnet, since step 4 closed public SSH
    String proved = Proofs.prove(vps, "key-login", Optional.of(SandboxVps.VPS_TAILNET));
    assertTrue(proved.contains("logged in with key SHA256:"), proved);
    assertAllPassExcept(audit(vps, "ssh-keys"));
    Proofs.applyConfirmed(vps, SandboxVps.VPS_TAILNET, "--step", "sshd", "--yes");
    assertAllPassExcept(audit(vps, "sshd"));
    String t = sshdT(vps);
    assertTrue(t.contains("\npasswordauthentication no\n"), t);
    assertTrue(t.contains("\npermitrootlogin no\n"), t);
    ExecResult tail = vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_TAILNET, "true"));
    assertEquals(0, tail.exitCode(), "key login after the sshd step: " + tail.stderr());
    assertSecondApplyChangesNothing(vps, "sshd", files);
  }

  private static String sshdT(SandboxVps vps) throws Exception {
    return vps.inVps(List.of("sshd", "-T", "-C", "user=admin,host=203.0.113.7,addr=203.0.113.7"))
        .stdout();
  }

  @Test
  @Order(6)
  void fail2banGetsAnSshdJailAndRuns(SandboxVps vps) throws Exception {
    Map<String, JsonNode> before = audit(vps, "fail2ban");
    assertStatus(before, "fail2ban.service", "FAIL");
    assertStatus(before, "fail2ban.sshd-jail", "FAIL");
    String plan = run(vps, 0, "plan", "--step", "fail2ban");
    assertTrue(plan.contains("+++ b/etc/fail2ban/jail.d/hermes-harden.local"), plan);
    assertTrue(plan.contains("$ systemctl enable --now fail2ban"), plan);

    run(vps, 0, "apply", "--step", "fail2ban", "--yes");
    assertAllPassExcept(audit(vps, "fail2ban"));
    ExecResult status =
        vps.inVps(List.of("fail2ban-client", "-s", "/run/fail2ban/fail2ban.sock", "status"));
    assertTrue(status.stdout().contains("sshd"), status.stdout() + status.stderr());

    assertSecondApplyChangesNothing(vps, "fail2ban", "/etc/fail2ban/jail.d/hermes-harden.local");
  }

  @Test
  @Order(7)
  void hermesDirBelongsToTheServiceUserAndIsClosed(SandboxVps vps) throws Exception {
    Map<String, JsonNode> before = audit(vps, "hermes-dir");
    assertStatus(before, "hermes-dir.directory", "FAIL");
    assertStatus(before, "hermes-dir.env-file", "FAIL");
    String plan = run(vps, 0, "plan", "--step", "hermes-dir");
    // the agent's files are changed with the agent's own rights (docs/threat-model.md)
    assertTrue(plan.contains("--no-new-privs -- chmod 600 /opt/hermes/data/.env"), plan);

    run(vps, 0, "apply", "--step", "hermes-dir", "--yes");
    assertAllPassExcept(audit(vps, "hermes-dir"));
    ExecResult modes =
        vps.inVps(List.of("stat", "-c", "%a %U", "/opt/hermes/data", "/opt/hermes/data/.env"));
    assertEquals("700 hermes\n600 hermes\n", modes.stdout());

    assertSecondApplyChangesNothing(
        vps, "hermes-dir", "/opt/hermes/data/.env", "/opt/hermes/data/config.yaml", USER_DB[0]);
  }

  @Test
  @Order(8)
  void dockerPublishesHermesOnLoopbackOnly(SandboxVps vps) throws Exception {
    Map<String, JsonNode> before = audit(vps, "docker");
    assertStatus(before, "docker.compose-loopback", "FAIL");
    assertStatus(before, "docker.containers-loopback", "FAIL");
    String plan = run(vps, 0, "plan", "--step", "docker");
    assertTrue(plan.contains("+      - \"127.0.0.1:8642:8642\""), plan);
    assertTrue(plan.contains("$ docker-compose -f /opt/hermes/docker-compose.yml up -d"), plan);

    run(vps, 0, "apply", "--step", "docker", "--yes");
    assertAllPassExcept(audit(vps, "docker"));
    ExecResult ports = vps.inVps(List.of("docker", "port", "hermes"));
    assertTrue(ports.stdout().contains("127.0.0.1:8642"), ports.stdout());
    assertTrue(!ports.stdout().contains("0.0.0.0"), ports.stdout());

    String container = containerId(vps);
    assertSecondApplyChangesNothing(vps, "docker", "/opt/hermes/docker-compose.yml");
    assertEquals(container, containerId(vps), "the second apply recreated the container");
  }

  @Test
  @Order(9)
  void approvalsSetsSafeValuesInConfigAndEnv(SandboxVps vps) throws Exception {
    Map<String, JsonNode> before = audit(vps, "approvals");
    assertStatus(before, "approvals.mode", "FAIL");
    assertStatus(before, "approvals.yolo-env", "FAIL");
    String plan = run(vps, 0, "plan", "--step", "approvals");
    assertTrue(plan.contains("+  mode: manual"), plan);
    assertTrue(plan.contains("+# hermes-harden: HERMES_YOLO_MODE=true"), plan);

    // the .env holds API_SERVER_KEY=changeme: the admin lets the wizard generate a key
    run(vps, 0, "apply", "--step", "approvals", "--yes", "--set", "approvals.generate-api-key=yes");
    assertAllPassExcept(audit(vps, "approvals"));
    String env = java.nio.file.Files.readString(vps.vpsPath("/opt/hermes/data/.env"));
    assertTrue(env.contains("\nHERMES_DASHBOARD=1\n"), env);
    assertTrue(!env.contains("API_SERVER_KEY=changeme"), env);

    assertSecondApplyChangesNothing(
        vps, "approvals", "/opt/hermes/data/config.yaml", "/opt/hermes/data/.env");
  }

  private static String containerId(SandboxVps vps) throws Exception {
    return vps.inVps(List.of("docker", "inspect", "-f", "{{.Id}}", "hermes")).stdout().strip();
  }

  private static void assertSecondApplyChangesNothing(SandboxVps vps, String step, String... files)
      throws Exception {
    assertSecondApplyChangesNothing(vps, step, 0, files);
  }

  private static void assertSecondApplyChangesNothing(
      SandboxVps vps, String step, int exit, String... files) throws Exception {
    assertNothingToDo(run(vps, 0, "plan", "--step", step));
    Map<String, String> shaBefore = sha(vps, files);
    String again = run(vps, exit, "apply", "--step", step, "--yes");
    assertNothingToDo(again);
    assertEquals(shaBefore, sha(vps, files), "the second apply of " + step + " changed files");
  }
}
