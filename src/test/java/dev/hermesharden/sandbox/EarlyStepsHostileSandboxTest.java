package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Steps 1–9 against a hostile service account and the truth tried in the sandbox VPS (as {@link
 * LaterStepsHostileSandboxTest} does for the later steps): each method puts the VPS in a state a
 * check once called safe, proves it unsafe by trying it (an {@code su} to the agent's account
 * without a password, a key that really logs in), and asserts the check now fails. Each method
 * undoes its setup in {@code finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class EarlyStepsHostileSandboxTest {
  /**
   * An empty password field ({@code passwd -S}: NP) is no "no password": Debian's {@code
   * common-auth} has {@code pam_unix.so nullok}, so any account ({@code nobody} here) becomes the
   * agent with {@code su} and no password at all. The users step called it PASS.
   */
  @Test
  @Timeout(120)
  void anEmptyServicePasswordThatSuAcceptsIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    ExecResult empty = vps.inVps(List.of("passwd", "-d", "hermes"));
    assertEquals(0, empty.exitCode(), empty.stderr());
    try {
      // the truth: nobody becomes hermes without typing anything
      ExecResult su =
          vps.inVps(
              List.of(
                  "setpriv",
                  "--reuid=nobody",
                  "--regid=nogroup",
                  "--clear-groups",
                  "--",
                  "su",
                  "hermes",
                  "-c",
                  "id -un"));
      assertEquals(0, su.exitCode(), su.stdout() + su.stderr());
      assertEquals("hermes", su.stdout().strip());
      JsonNode pw = audit(vps, "users").get("users.service-user-no-password");
      assertEquals("FAIL", pw.get("status").asText(), pw.toString());
    } finally {
      vps.inVps(List.of("passwd", "-l", "hermes"));
    }
    // a locked password (what adduser --disabled-password leaves) is refused by su and passes
    ExecResult su =
        vps.inVps(
            List.of(
                "setpriv",
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
                "--",
                "su",
                "hermes",
                "-c",
                "id -un"));
    assertTrue(su.exitCode() != 0, su.stdout() + su.stderr());
    JsonNode pw = audit(vps, "users").get("users.service-user-no-password");
    assertEquals("PASS", pw.get("status").asText(), pw.toString());
  }

  /**
   * The agent's own key in {@code ~/.ssh/authorized_keys2}: sshd reads it by OpenSSH's default, the
   * key logs in as hermes, and the users step said nobody could log in with a key (it read only
   * {@code authorized_keys}). The watch step reads it too (it did not before the attack on steps
   * 10-13).
   */
  @Test
  @Timeout(120)
  void aServiceKeyInAuthorizedKeys2IsNoPassInTheUsersStep(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    String pub = Files.readString(Path.of(vps.workstationKey() + ".pub")).strip();
    ExecResult plant =
        vps.inVps(
            SandboxVps.asHermes(
                "mkdir -p -m 700 ~/.ssh && printf '%s\\n' \""
                    + pub
                    + "\" > ~/.ssh/authorized_keys2 && chmod 600 ~/.ssh/authorized_keys2"));
    assertEquals(0, plant.exitCode(), plant.stdout() + plant.stderr());
    try {
      ExecResult login =
          vps.fromWorkstation(vps.ssh("hermes@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertEquals(0, login.exitCode(), login.stdout() + login.stderr());
      assertEquals("hermes", login.stdout().strip());
      JsonNode keys = audit(vps, "users").get("users.service-user-no-keys");
      assertEquals("FAIL", keys.get("status").asText(), keys.toString());
      assertTrue(keys.toString().contains("authorized_keys2"), keys.toString());
      JsonNode watched = audit(vps, "watch").get("watch.service-keys");
      assertEquals("FAIL", watched.get("status").asText(), watched.toString());
      assertTrue(watched.toString().contains("authorized_keys2"), watched.toString());
    } finally {
      Files.deleteIfExists(vps.vpsPath("/home/hermes/.ssh/authorized_keys2"));
    }
  }

  /**
   * The admin in group {@code sudo} while {@code /etc/sudoers} has no {@code %sudo} line (commented
   * out): sudo refuses the admin, so once step 5 closes root's SSH login nobody reaches root. The
   * users step passed on the membership alone.
   */
  @Test
  @Timeout(120)
  void aSudoMemberThatSudoRefusesIsNoPass(SandboxVps vps) throws Exception {
    ExecResult setup =
        vps.inVps(
            List.of(
                "sh",
                "-c",
                "usermod -aG sudo admin && printf 'admin:Hh-Sudo-Truth-7\\n' | chpasswd"
                    + " && cp -p /etc/sudoers /etc/sudoers.hh-orig"
                    + " && sed -i 's/^%sudo/#%sudo/' /etc/sudoers"));
    assertEquals(0, setup.exitCode(), setup.stdout() + setup.stderr());
    try {
      // the truth: the admin types the right password and sudo still refuses
      assertTrue(adminSudo(vps).exitCode() != 0, "sudo refused the admin");
      JsonNode sudo = audit(vps, "users").get("users.admin-sudo");
      assertEquals("FAIL", sudo.get("status").asText(), sudo.toString());
      assertEquals("reason.users.admin-sudo-denied", sudo.get("reason_key").asText());
    } finally {
      vps.inVps(List.of("mv", "-f", "/etc/sudoers.hh-orig", "/etc/sudoers"));
    }
    // the rule back: sudo runs id as root for the admin, and the check passes
    ExecResult id = adminSudo(vps);
    assertEquals(0, id.exitCode(), id.stdout() + id.stderr());
    assertEquals("0", id.stdout().strip());
    JsonNode sudo = audit(vps, "users").get("users.admin-sudo");
    assertEquals("PASS", sudo.get("status").asText(), sudo.toString());
  }

  /** {@code sudo -S -k id -u} as the admin with the admin's password on its input. */
  private static ExecResult adminSudo(SandboxVps vps) throws Exception {
    return vps.inVps(
        SandboxVps.asUser("admin", "printf 'Hh-Sudo-Truth-7\\n' | sudo -S -k -p '' id -u"));
  }

  /**
   * sshd's drop-in directory group-writable by the agent's group (a sloppy provisioning script):
   * the agent adds a drop-in that sorts first ({@code PermitRootLogin yes}, {@code StrictModes no},
   * its own {@code AuthorizedKeysFile}); at sshd's next reload (an upgrade, a reboot, the admin)
   * its key logs in as root. No sshd check asked who can change what sshd reads.
   */
  @Test
  @Timeout(180)
  void aDropInDirectoryTheAgentCanWriteIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    String dir = "/etc/ssh/sshd_config.d";
    String login =
        "ssh -i ~/k/id -o BatchMode=yes -o StrictHostKeyChecking=no"
            + " -o UserKnownHostsFile=/dev/null root@127.0.0.1 id -u";
    ExecResult open =
        vps.inVps(List.of("sh", "-c", "chown hermes:hermes " + dir + " && chmod 0755 " + dir));
    assertEquals(0, open.exitCode(), open.stderr());
    try {
      ExecResult plant =
          vps.inVps(
              SandboxVps.asHermes(
                  "mkdir -p -m 700 ~/k && ssh-keygen -q -t ed25519 -N '' -f ~/k/id"
                      + " && cp ~/k/id.pub ~/k/root && printf '%s\\n' 'PermitRootLogin yes'"
                      + " 'StrictModes no' 'AuthorizedKeysFile /home/hermes/k/%u'"
                      + " > "
                      + dir
                      + "/01-agent.conf"));
      assertEquals(0, plant.exitCode(), plant.stdout() + plant.stderr());
      Map<String, JsonNode> sshd = audit(vps, "sshd");
      JsonNode root = sshd.get("sshd.config-root-only");
      assertTrue(root != null, "no check sshd.config-root-only in " + sshd.keySet());
      assertEquals("FAIL", root.get("status").asText(), root.toString());
      assertTrue(root.toString().contains(dir), root.toString());
      // group-writable by the agent's group instead: sshd's files cannot even be listed safely
      vps.inVps(List.of("sh", "-c", "chown root:hermes " + dir + " && chmod 2775 " + dir));
      JsonNode shared = audit(vps, "sshd").get("sshd.config-root-only");
      assertEquals("FAIL", shared.get("status").asText(), shared.toString());
      // the truth: not yet, but at sshd's next reload the agent's key is root's
      assertTrue(vps.inVps(SandboxVps.asHermes(login)).exitCode() != 0, "before the reload");
      ExecResult reload = vps.reloadSshd();
      assertEquals(0, reload.exitCode(), reload.stdout() + reload.stderr());
      ExecResult asRoot = vps.inVps(SandboxVps.asHermes(login));
      assertEquals(0, asRoot.exitCode(), asRoot.stdout() + asRoot.stderr());
      assertEquals("0", asRoot.stdout().strip());
    } finally {
      vps.inVps(
          List.of(
              "sh",
              "-c",
              "rm -f "
                  + dir
                  + "/01-agent.conf; chown root:root "
                  + dir
                  + " && chmod 0755 "
                  + dir
                  + " && rm -rf /home/hermes/k && systemctl reload ssh"));
    }
    JsonNode root = audit(vps, "sshd").get("sshd.config-root-only");
    assertEquals("PASS", root.get("status").asText(), root.toString());
  }

  /**
   * fail2ban runs its actions as root, and reads every {@code .local} beside an action's {@code
   * .conf}: with {@code /etc/fail2ban/action.d} given to the agent, its {@code .local} for the sshd
   * jail's action makes the next ban (any address: {@code set sshd banip}) run its command as root.
   * No fail2ban check asked who can change its configuration.
   */
  @Test
  @Timeout(240)
  void anActionDirectoryTheAgentCanWriteIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    ExecResult jail = vps.javaMain(FixInVps.class.getName(), "fail2ban", "fail2ban.jail");
    assertEquals(0, jail.exitCode(), jail.stdout() + jail.stderr());
    List<String> f2b = List.of("fail2ban-client", "-s", "/run/fail2ban/fail2ban.sock");
    String dir = "/etc/fail2ban/action.d";
    String proof = "/root/hh-f2b-agent";
    try {
      ExecResult actions = vps.inVps(concat(f2b, "get", "sshd", "actions"));
      assertEquals(0, actions.exitCode(), actions.stdout() + actions.stderr());
      String action = actions.stdout().strip().lines().reduce((a, b) -> b).orElse("").strip();
      assertTrue(action.matches("[A-Za-z0-9_-]+"), actions.stdout());
      assertEquals(0, vps.inVps(List.of("chown", "hermes:hermes", dir)).exitCode());
      ExecResult plant =
          vps.inVps(
              SandboxVps.asHermes(
                  "printf '%s\\n' '[Definition]' 'actionban = id -u > "
                      + proof
                      + "' > "
                      + dir
                      + "/"
                      + action
                      + ".local"));
      assertEquals(0, plant.exitCode(), plant.stdout() + plant.stderr());
      JsonNode root = audit(vps, "fail2ban").get("fail2ban.config-root-only");
      assertTrue(root != null, "no check fail2ban.config-root-only");
      assertEquals("FAIL", root.get("status").asText(), root.toString());
      assertTrue(root.toString().contains(dir), root.toString());
      // the truth: after a reload, the next ban runs the agent's command as root
      assertEquals(0, vps.inVps(concat(f2b, "reload")).exitCode());
      ExecResult ban = vps.inVps(concat(f2b, "set", "sshd", "banip", "198.51.100.99"));
      assertEquals(0, ban.exitCode(), ban.stdout() + ban.stderr());
      Path wrote = vps.vpsPath(proof);
      for (int i = 0; i < 50 && !Files.exists(wrote); i++) {
        Thread.sleep(100);
      }
      assertEquals("0", Files.readString(wrote).strip(), "the agent's actionban ran as root");
    } finally {
      vps.inVps(
          List.of(
              "sh",
              "-c",
              "systemctl stop fail2ban; rm -f "
                  + dir
                  + "/*.local "
                  + proof
                  + "; chown root:root "
                  + dir));
    }
    JsonNode root = audit(vps, "fail2ban").get("fail2ban.config-root-only");
    assertEquals("PASS", root.get("status").asText(), root.toString());
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> out = new java.util.ArrayList<>(head);
    out.addAll(List.of(tail));
    return out;
  }
}
