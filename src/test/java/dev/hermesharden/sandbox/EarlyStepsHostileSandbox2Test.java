package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The second hostile pass on steps 1–9 (the first is {@link EarlyStepsHostileSandboxTest}): each
 * method puts the VPS in a state a check called safe, proves it unsafe by trying it, and asserts
 * the check now fails. Each method undoes its setup in {@code finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class EarlyStepsHostileSandbox2Test {
  /**
   * {@code ufw --force reset}, without the copies of its files an earlier reset left: ufw names
   * them by the second and refuses to reset again within the same second ("already exists") — one
   * test's cleanup and the next one's set-up met that in CI.
   */
  private static final String UFW_RESET =
      "find /etc/ufw /etc/default -maxdepth 1 -name '*.[0-9]*_[0-9]*' -delete;"
          + " ufw --force reset >/dev/null";

  /** Reads the first line of /etc/shadow as hermes with all its groups (as its login gets them). */
  private static ExecResult shadowAsHermes(SandboxVps vps) throws Exception {
    return vps.inVps(List.of("runuser", "-u", "hermes", "--", "head", "-n", "1", "/etc/shadow"));
  }

  /**
   * The service account in group {@code shadow}: it reads every password hash in {@code
   * /etc/shadow} (root:shadow 0640), the admin's included, and cracks it offline to the admin's
   * sudo. The users step checked only sudo, docker, adm and wheel and called it PASS; {@code disk},
   * {@code lxd}, {@code root} and the other root-equivalent groups passed the same way.
   */
  @Test
  @Timeout(120)
  void aServiceAccountInGroupShadowIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    ExecResult before = shadowAsHermes(vps);
    assertTrue(before.exitCode() != 0, "hermes outside shadow reads /etc/shadow: " + before);
    ExecResult add = vps.inVps(List.of("usermod", "-aG", "shadow", "--", "hermes"));
    assertEquals(0, add.exitCode(), add.stderr());
    try {
      // the truth: the agent reads root's password hash
      ExecResult read = shadowAsHermes(vps);
      assertEquals(0, read.exitCode(), read.stdout() + read.stderr());
      assertTrue(read.stdout().startsWith("root:"), read.stdout());
      JsonNode groups = audit(vps, "users").get("users.service-user-groups");
      assertEquals("FAIL", groups.get("status").asText(), groups.toString());
      assertTrue(groups.toString().contains("shadow"), groups.toString());
    } finally {
      vps.inVps(List.of("gpasswd", "-d", "hermes", "--", "shadow"));
    }
  }

  /**
   * The service account in a group of no telling name ({@code ops}) that a sudoers drop-in gives
   * everything ({@code %ops ALL=(ALL:ALL) NOPASSWD: ALL}): the agent is root with one {@code sudo}.
   * The users step read only the group names and called it PASS (only the watch step, number 13,
   * read sudoers).
   */
  @Test
  @Timeout(120)
  void aServiceAccountThatSudoLetsRunAsRootIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    ExecResult setup =
        vps.inVps(
            List.of(
                "sh",
                "-c",
                "groupadd -f ops && usermod -aG ops -- hermes"
                    + " && printf '%%ops ALL=(ALL:ALL) NOPASSWD: ALL\\n' > /etc/sudoers.d/hh-ops"
                    + " && chmod 0440 /etc/sudoers.d/hh-ops && visudo -cq"));
    try {
      assertEquals(0, setup.exitCode(), setup.stdout() + setup.stderr());
      // the truth: the agent runs a command as root without a password
      ExecResult root =
          vps.inVps(List.of("runuser", "-u", "hermes", "--", "sudo", "-n", "id", "-u"));
      assertEquals(0, root.exitCode(), root.stdout() + root.stderr());
      assertEquals("0", root.stdout().strip());
      JsonNode groups = audit(vps, "users").get("users.service-user-groups");
      assertEquals("FAIL", groups.get("status").asText(), groups.toString());
      assertTrue(groups.toString().contains("ALL"), groups.toString());
    } finally {
      vps.inVps(
          List.of(
              "sh",
              "-c",
              "rm -f /etc/sudoers.d/hh-ops; gpasswd -d hermes ops; groupdel ops; true"));
    }
    JsonNode groups = audit(vps, "users").get("users.service-user-groups");
    assertEquals("PASS", groups.get("status").asText(), groups.toString());
  }

  /**
   * A TCP connect from the workstation's public address and {@code srcPort} to the VPS's port 22.
   */
  private static ExecResult connectFromPort(SandboxVps vps, int srcPort) throws Exception {
    return connect(vps, srcPort, 22);
  }

  /** A TCP connect from the workstation's public address and {@code srcPort} to {@code port}. */
  private static ExecResult connect(SandboxVps vps, int srcPort, int port) throws Exception {
    return vps.fromWorkstation(
        List.of(
            "python3",
            "-c",
            "import socket,sys\n"
                + "s=socket.socket();s.settimeout(3)\n"
                + "s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
                + "s.bind(('"
                + SandboxVps.WS_PUBLIC
                + "',"
                + srcPort
                + "))\n"
                + "s.connect(('"
                + SandboxVps.VPS_PUBLIC
                + "',"
                + port
                + "))\n"
                + "print(s.recv(64).decode().strip())"));
  }

  /**
   * A stateless rule outside ufw meant for DNS answers ({@code iptables -I INPUT -p tcp --sport 53
   * -j ACCEPT}): the source port is the client's choice, so anyone reaches sshd from port 53. The
   * live filter was asked with one fixed source port (40022) and {@code firewall.no-public-ssh}
   * said no connection from the internet reaches SSH.
   */
  @Test
  @Timeout(120)
  void aRuleOnTheSourcePortOpensSshToAnyoneWhoPicksIt(SandboxVps vps) throws Exception {
    ExecResult setup =
        vps.inVps(
            List.of(
                "sh",
                "-c",
                UFW_RESET
                    + " && ufw default deny incoming"
                    + " && ufw allow in on tailscale0 to any port 22 proto tcp"
                    + " && ufw --force enable"));
    try {
      assertEquals(0, setup.exitCode(), setup.stdout() + setup.stderr());
      ExecResult closed = connectFromPort(vps, 40022);
      assertTrue(closed.exitCode() != 0, "port 22 is closed to the internet: " + closed);
      assertEquals(
          "PASS", audit(vps, "firewall").get("firewall.no-public-ssh").get("status").asText());
      ExecResult hole =
          vps.inVps(
              List.of("iptables", "-I", "INPUT", "-p", "tcp", "--sport", "53", "-j", "ACCEPT"));
      assertEquals(0, hole.exitCode(), hole.stderr());
      // the truth: from source port 53 sshd answers
      ExecResult open = connectFromPort(vps, 53);
      assertEquals(0, open.exitCode(), open.stdout() + open.stderr());
      assertTrue(open.stdout().startsWith("SSH-2.0"), open.stdout());
      JsonNode ssh = audit(vps, "firewall").get("firewall.no-public-ssh");
      assertEquals("FAIL", ssh.get("status").asText(), ssh.toString());
      assertTrue(ssh.toString().contains("--sport 53"), ssh.toString());
    } finally {
      vps.inVps(
          List.of(
              "sh",
              "-c",
              "iptables -D INPUT -p tcp --sport 53 -j ACCEPT; " + UFW_RESET + "; true"));
    }
  }

  /**
   * A Match block that gives connections from the internet other key files ({@code Match Address
   * 203.0.113.0/24} / {@code AuthorizedKeysFile .ssh/public_keys}): the agent's key there logs in
   * as hermes from the workstation, and the users step said no key could log in, having asked
   * {@code sshd -T} only for a connection from 127.0.0.1.
   */
  @Test
  @Timeout(120)
  void aServiceKeyInAFileOnlyAMatchAddressBlockReadsIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    String pub = Files.readString(Path.of(vps.workstationKey() + ".pub")).strip();
    Path dropIn = vps.vpsPath("/etc/ssh/sshd_config.d/61-hh-match-address.conf");
    try {
      ExecResult plant =
          vps.inVps(
              SandboxVps.asHermes(
                  "mkdir -p -m 700 ~/.ssh && printf '%s\\n' \""
                      + pub
                      + "\" > ~/.ssh/public_keys && chmod 600 ~/.ssh/public_keys"));
      assertEquals(0, plant.exitCode(), plant.stdout() + plant.stderr());
      Files.writeString(
          dropIn,
          "Match Address 203.0.113.0/24\n"
              + "    AuthorizedKeysFile .ssh/authorized_keys .ssh/public_keys\n");
      ExecResult reload = vps.reloadSshd();
      assertEquals(0, reload.exitCode(), reload.stderr());
      // the truth: the agent's key logs in as hermes from the internet
      ExecResult login =
          vps.fromWorkstation(vps.ssh("hermes@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertEquals(0, login.exitCode(), login.stdout() + login.stderr());
      assertEquals("hermes", login.stdout().strip());
      JsonNode keys = audit(vps, "users").get("users.service-user-no-keys");
      assertEquals("FAIL", keys.get("status").asText(), keys.toString());
      assertTrue(keys.toString().contains("public_keys"), keys.toString());
    } finally {
      Files.deleteIfExists(dropIn);
      Files.deleteIfExists(vps.vpsPath("/home/hermes/.ssh/public_keys"));
      vps.reloadSshd();
    }
  }

  /**
   * sshd moved to port 2222 by {@code ListenAddress 0.0.0.0:2222} (beside {@code 0.0.0.0:22}), and
   * ufw allows 2222 from anywhere: {@code sshd -T} still prints {@code port 22} (an address's own
   * port wins over {@code Port}), and the firewall checks tried only the {@code port} lines. sshd
   * answered on 2222 from the internet while {@code firewall.no-public-ssh} passed.
   */
  @Test
  @Timeout(120)
  void anSshPortGivenByListenAddressIsTriedToo(SandboxVps vps) throws Exception {
    Path dropIn = vps.vpsPath("/etc/ssh/sshd_config.d/62-hh-listen.conf");
    try {
      Files.writeString(dropIn, "ListenAddress 0.0.0.0:22\nListenAddress 0.0.0.0:2222\n");
      ExecResult reload = vps.reloadSshd();
      assertEquals(0, reload.exitCode(), reload.stderr());
      ExecResult setup =
          vps.inVps(
              List.of(
                  "sh",
                  "-c",
                  UFW_RESET
                      + " && ufw default deny incoming"
                      + " && ufw allow in on tailscale0 to any port 22 proto tcp"
                      + " && ufw allow 2222/tcp && ufw --force enable"));
      assertEquals(0, setup.exitCode(), setup.stdout() + setup.stderr());
      // the truth: sshd answers on 2222 from the internet
      ExecResult open = null;
      for (int i = 0; i < 20 && (open == null || open.exitCode() != 0); i++) {
        open = connect(vps, 40022 + i, 2222);
        if (open.exitCode() != 0) {
          Thread.sleep(100);
        }
      }
      assertEquals(0, open.exitCode(), open.stdout() + open.stderr());
      assertTrue(open.stdout().startsWith("SSH-2.0"), open.stdout());
      JsonNode ssh = audit(vps, "firewall").get("firewall.no-public-ssh");
      assertEquals("FAIL", ssh.get("status").asText(), ssh.toString());
      assertTrue(ssh.toString().contains("2222"), ssh.toString());
    } finally {
      Files.deleteIfExists(dropIn);
      vps.inVps(List.of("sh", "-c", UFW_RESET + "; true"));
      vps.reloadSshd();
    }
  }

  /**
   * The admin's only key written as {@code cert-authority}: sshd takes it as a CA that signs
   * certificates, not as a key, and refuses a login with it. {@code ssh-keys.acceptable-key}
   * counted it as a strong key.
   */
  @Test
  @Timeout(120)
  void aCertAuthorityLineIsNoKeyThatLogsIn(SandboxVps vps) throws Exception {
    Path keys = vps.vpsPath("/home/admin/.ssh/authorized_keys");
    String before = Files.readString(keys);
    try {
      ExecResult ca =
          vps.inVps(
              List.of(
                  "sed",
                  "-i",
                  "s/^\\(ssh-\\|ecdsa-\\)/cert-authority &/",
                  "/home/admin/.ssh/authorized_keys"));
      assertEquals(0, ca.exitCode(), ca.stderr());
      assertTrue(Files.readString(keys).startsWith("cert-authority "), Files.readString(keys));
      // the truth: the key no longer logs in
      ExecResult login =
          vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertTrue(login.exitCode() != 0, login.stdout() + login.stderr());
      JsonNode key = audit(vps, "ssh-keys").get("ssh-keys.acceptable-key");
      assertEquals("FAIL", key.get("status").asText(), key.toString());
      assertTrue(key.toString().contains("cert-authority"), key.toString());
    } finally {
      vps.inVps(List.of("sed", "-i", "s/^cert-authority //", "/home/admin/.ssh/authorized_keys"));
    }
    assertEquals(before, Files.readString(keys));
  }
}
