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
 * The third hostile pass on steps 1–5 (after {@link EarlyStepsHostileSandboxTest} and {@link
 * EarlyStepsHostileSandbox2Test}): each method puts the VPS in a state a check called safe, proves
 * it unsafe by trying it (an {@code su}, a real login from the workstation, a write), and asserts
 * the check now fails. Each method undoes its setup in {@code finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class EarlyStepsHostileSandbox3Test {
  /**
   * A second account with uid 0 and an empty password ({@code toor::0:0:…}): the agent becomes root
   * with {@code su toor} and no password (PAM's {@code nullok}). No users check looked at it, and
   * the whole users step passed. (sshd's {@code PermitRootLogin no} goes by uid: a key login as
   * toor was refused with it, tried by hand.)
   */
  @Test
  @Timeout(120)
  void aSecondUidZeroAccountIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    Path passwd = vps.vpsPath("/etc/passwd");
    Path shadow = vps.vpsPath("/etc/shadow");
    String passwdBefore = Files.readString(passwd);
    String shadowBefore = Files.readString(shadow);
    try {
      Files.writeString(passwd, passwdBefore + "toor:x:0:0:toor:/root:/bin/bash\n");
      Files.writeString(shadow, shadowBefore + "toor::19000:0:99999:7:::\n");
      // the truth: the agent is root with one su
      ExecResult su = vps.inVps(SandboxVps.asHermes("su toor -c 'id -u' </dev/null"));
      assertEquals(0, su.exitCode(), su.stdout() + su.stderr());
      assertEquals("0", su.stdout().strip());
      JsonNode root = audit(vps, "users").get("users.no-second-root");
      assertEquals("FAIL", root.get("status").asText(), String.valueOf(root));
      assertTrue(root.toString().contains("toor"), root.toString());
    } finally {
      Files.writeString(passwd, passwdBefore);
      Files.writeString(shadow, shadowBefore);
    }
    JsonNode root = audit(vps, "users").get("users.no-second-root");
    assertEquals("PASS", root.get("status").asText(), String.valueOf(root));
  }

  /**
   * The service account given the admin's uid ({@code hermes:x:1000:…}): the kernel knows accounts
   * by uid, so the agent runs as the admin and can write the admin's {@code authorized_keys}.
   * {@code users.service-user-exists} called it the service account's own; only the group check
   * failed, and that by chance (the admin's group is named {@code admin}, a name it refuses).
   */
  @Test
  @Timeout(120)
  void aServiceAccountWithTheAdminsUidIsNoAccountOfItsOwn(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    Path passwd = vps.vpsPath("/etc/passwd");
    String before = Files.readString(passwd);
    String adminUid = vps.inVps(List.of("id", "-u", "admin")).stdout().strip();
    try {
      Files.writeString(
          passwd, before.replaceAll("(?m)^hermes:x:\\d+:", "hermes:x:" + adminUid + ":"));
      // the truth: the agent writes the admin's keys
      ExecResult w =
          vps.inVps(
              SandboxVps.asHermes("id -u && test -w /home/admin/.ssh/authorized_keys && echo w"));
      assertEquals(0, w.exitCode(), w.stdout() + w.stderr());
      assertEquals(adminUid + "\nw", w.stdout().strip());
      JsonNode own = audit(vps, "users").get("users.service-user-exists");
      assertEquals("FAIL", own.get("status").asText(), String.valueOf(own));
      assertTrue(own.toString().contains("admin"), own.toString());
    } finally {
      Files.writeString(passwd, before);
    }
  }

  /**
   * An {@code AuthorizedKeysCommand} (run as nobody) that prints the agent's key for hermes: the
   * key logs in as hermes from the workstation, and {@code users.service-user-no-keys} passed,
   * finding no key in any file. A {@code Match User hermes} block that sets it to {@code none}
   * closes it, and then the check passes.
   */
  @Test
  @Timeout(120)
  void aKeysCommandThatHandsTheAgentAKeyIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    String pub = Files.readString(Path.of(vps.workstationKey() + ".pub")).strip();
    Path command = vps.vpsPath("/etc/ssh/hh-keys-command");
    Path dropIn = vps.vpsPath("/etc/ssh/sshd_config.d/05-hh-keys-command.conf");
    try {
      Files.writeString(command, "#!/bin/sh\n[ \"$1\" = hermes ] && echo '" + pub + "'\nexit 0\n");
      assertEquals(0, vps.inVps(List.of("chmod", "0755", "/etc/ssh/hh-keys-command")).exitCode());
      Files.writeString(
          dropIn,
          "AuthorizedKeysCommand /etc/ssh/hh-keys-command %u\n"
              + "AuthorizedKeysCommandUser nobody\n");
      ExecResult reload = vps.reloadSshd();
      assertEquals(0, reload.exitCode(), reload.stderr());
      // the truth: the key no file holds logs in as hermes
      ExecResult login =
          vps.fromWorkstation(vps.ssh("hermes@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertEquals(0, login.exitCode(), login.stdout() + login.stderr());
      assertEquals("hermes", login.stdout().strip());
      JsonNode keys = audit(vps, "users").get("users.service-user-no-keys");
      assertEquals("FAIL", keys.get("status").asText(), keys.toString());
      assertTrue(keys.toString().contains("hh-keys-command"), keys.toString());
      // what the reason tells the admin to do closes it, and then the check passes
      Files.writeString(
          dropIn, Files.readString(dropIn) + "Match User hermes\n    AuthorizedKeysCommand none\n");
      assertEquals(0, vps.reloadSshd().exitCode());
      ExecResult refused =
          vps.fromWorkstation(vps.ssh("hermes@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertTrue(refused.exitCode() != 0, refused.stdout() + refused.stderr());
      keys = audit(vps, "users").get("users.service-user-no-keys");
      assertEquals("PASS", keys.get("status").asText(), keys.toString());
    } finally {
      Files.deleteIfExists(dropIn);
      Files.deleteIfExists(command);
      vps.reloadSshd();
    }
  }

  /**
   * {@code TrustedUserCAKeys} with a CA that signed a certificate for the name {@code hermes}: the
   * agent's key with that certificate logs in as hermes from the workstation, no key in any file,
   * and {@code users.service-user-no-keys} passed. {@code Match User hermes} / {@code
   * TrustedUserCAKeys none} closes it, and then the check passes.
   */
  @Test
  @Timeout(120)
  void aCertificateForTheServiceAccountIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    Path dir = Files.createTempDirectory("hh-ca");
    Path ca = dir.resolve("ca");
    Path key = dir.resolve("id");
    Path dropIn = vps.vpsPath("/etc/ssh/sshd_config.d/05-hh-ca.conf");
    Path caPub = vps.vpsPath("/etc/ssh/hh-ca.pub");
    try {
      Files.copy(vps.workstationKey(), key);
      Files.copy(Path.of(vps.workstationKey() + ".pub"), Path.of(key + ".pub"));
      ExecResult made =
          vps.fromWorkstation(
              List.of(
                  "sh",
                  "-c",
                  "ssh-keygen -q -t ed25519 -N '' -f \"$1\""
                      + " && ssh-keygen -q -s \"$1\" -I agent -n hermes \"$2.pub\"",
                  "sh",
                  ca.toString(),
                  key.toString()));
      assertEquals(0, made.exitCode(), made.stdout() + made.stderr());
      Files.writeString(caPub, Files.readString(Path.of(ca + ".pub")));
      Files.writeString(dropIn, "TrustedUserCAKeys /etc/ssh/hh-ca.pub\n");
      assertEquals(0, vps.reloadSshd().exitCode());
      List<String> login = new java.util.ArrayList<>(vps.ssh("hermes@" + SandboxVps.VPS_PUBLIC));
      login.addAll(1, List.of("-i", key.toString(), "-o", "CertificateFile=" + key + "-cert.pub"));
      login.addAll(List.of("id", "-un"));
      // the truth: the certificate logs in as hermes
      ExecResult in = vps.fromWorkstation(login);
      assertEquals(0, in.exitCode(), in.stdout() + in.stderr());
      assertEquals("hermes", in.stdout().strip());
      JsonNode keys = audit(vps, "users").get("users.service-user-no-keys");
      assertEquals("FAIL", keys.get("status").asText(), keys.toString());
      assertTrue(keys.toString().contains("TrustedUserCAKeys /etc/ssh/hh-ca.pub"), keys.toString());
      Files.writeString(
          dropIn, Files.readString(dropIn) + "Match User hermes\n    TrustedUserCAKeys none\n");
      assertEquals(0, vps.reloadSshd().exitCode());
      ExecResult refused = vps.fromWorkstation(login);
      assertTrue(refused.exitCode() != 0, refused.stdout() + refused.stderr());
      keys = audit(vps, "users").get("users.service-user-no-keys");
      assertEquals("PASS", keys.get("status").asText(), keys.toString());
    } finally {
      Files.deleteIfExists(dropIn);
      Files.deleteIfExists(caPub);
      vps.reloadSshd();
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  /**
   * The admin's only key past its {@code expiry-time} ({@code expiry-time="20000101"}): sshd
   * refuses it, and {@code ssh-keys.acceptable-key} counted it as a strong key. The same key on a
   * line of its own after it logs in again (sshd reads on), which is what the add-key fix now
   * plans.
   */
  @Test
  @Timeout(120)
  void aKeyPastItsExpiryTimeIsNoKeyThatLogsIn(SandboxVps vps) throws Exception {
    Path keys = vps.vpsPath("/home/admin/.ssh/authorized_keys");
    String before = Files.readString(keys);
    String line = before.strip();
    try {
      Files.writeString(keys, "expiry-time=\"20000101\" " + line + "\n");
      // the truth: the key no longer logs in
      ExecResult login =
          vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertTrue(login.exitCode() != 0, login.stdout() + login.stderr());
      JsonNode key = audit(vps, "ssh-keys").get("ssh-keys.acceptable-key");
      assertEquals("FAIL", key.get("status").asText(), key.toString());
      assertTrue(key.toString().contains("expiry-time"), key.toString());
      // the same key again on a line of its own: sshd reads on, and the key logs in
      Files.writeString(keys, "expiry-time=\"20000101\" " + line + "\n" + line + "\n");
      ExecResult again =
          vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertEquals(0, again.exitCode(), again.stdout() + again.stderr());
      key = audit(vps, "ssh-keys").get("ssh-keys.acceptable-key");
      assertEquals("PASS", key.get("status").asText(), key.toString());
    } finally {
      Files.writeString(keys, before);
    }
  }

  /**
   * Central keys ({@code AuthorizedKeysFile /etc/ssh/authorized_keys/%u}), the admin's file root's:
   * sshd reads it with the admin's rights. 0644 logged in and {@code ssh-keys.file-mode} failed it
   * asking for 600; 0600 refused the key (the admin locked out once passwords are off) and the
   * check passed. Now the other way round.
   */
  @Test
  @Timeout(120)
  void aCentralKeysFileOfRootsMustBeReadableByTheAdmin(SandboxVps vps) throws Exception {
    String pub = Files.readString(Path.of(vps.workstationKey() + ".pub")).strip();
    Path dropIn = vps.vpsPath("/etc/ssh/sshd_config.d/05-hh-central.conf");
    Path dir = vps.vpsPath("/etc/ssh/authorized_keys");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("admin"), pub + "\n");
      Files.writeString(dropIn, "AuthorizedKeysFile /etc/ssh/authorized_keys/%u\n");
      assertEquals(0, vps.reloadSshd().exitCode());
      for (String mode : List.of("0644", "0600")) {
        ExecResult chmod = vps.inVps(List.of("chmod", mode, "/etc/ssh/authorized_keys/admin"));
        assertEquals(0, chmod.exitCode(), chmod.stderr());
        // the truth: sshd reads it as the admin
        ExecResult login =
            vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
        boolean logsIn = mode.equals("0644");
        assertEquals(logsIn, login.exitCode() == 0, mode + ": " + login.stdout() + login.stderr());
        JsonNode file = audit(vps, "ssh-keys").get("ssh-keys.file-mode");
        assertEquals(logsIn ? "PASS" : "FAIL", file.get("status").asText(), mode + ": " + file);
      }
    } finally {
      Files.deleteIfExists(dropIn);
      Files.deleteIfExists(dir.resolve("admin"));
      Files.deleteIfExists(dir);
      vps.reloadSshd();
    }
  }

  /**
   * {@code ufw --force reset}, without the copies of its files an earlier reset left (ufw refuses a
   * second reset within the same second: EarlyStepsHostileSandbox2Test).
   */
  private static final String UFW_RESET =
      "find /etc/ufw /etc/default -maxdepth 1 -name '*.[0-9]*_[0-9]*' -delete;"
          + " ufw --force reset >/dev/null";

  /** A TCP connect from the workstation to {@code address} port 22: sshd's banner, or an error. */
  private static ExecResult connect(SandboxVps vps, String address) throws Exception {
    return vps.fromWorkstation(
        List.of(
            "python3",
            "-c",
            "import socket\n"
                + "s=socket.create_connection(('"
                + address
                + "',22),3)\n"
                + "print(s.recv(64).decode().strip())"));
  }

  /**
   * ufw closes SSH but for tailscale0, and a raw {@code iptables -I INPUT -d 100.64.0.10 -p tcp
   * --dport 22 -j ACCEPT} (meant as "the tailnet address only") sits beside it. Linux answers for
   * any of its addresses on any interface: the workstation, as a neighbour on the public link,
   * sends to 100.64.0.10 through eth0 and gets sshd's banner. {@code firewall.no-public-ssh} tried
   * only the public address on eth0 and passed.
   */
  @Test
  @Timeout(120)
  void aRawAcceptForTheTailnetAddressOpensSshOnThePublicLink(SandboxVps vps) throws Exception {
    List<String> hole =
        List.of("-d", SandboxVps.VPS_TAILNET, "-p", "tcp", "--dport", "22", "-j", "ACCEPT");
    List<String> route =
        List.of(SandboxVps.VPS_TAILNET + "/32", "via", SandboxVps.VPS_PUBLIC, "dev", "pub");
    try {
      ExecResult setup =
          vps.inVps(
              List.of(
                  "sh",
                  "-c",
                  UFW_RESET
                      + " && ufw default deny incoming"
                      + " && ufw allow in on tailscale0 to any port 22 proto tcp"
                      + " && ufw --force enable"));
      assertEquals(0, setup.exitCode(), setup.stdout() + setup.stderr());
      ExecResult add = vps.inVps(concat(List.of("iptables", "-I", "INPUT"), hole));
      assertEquals(0, add.exitCode(), add.stderr());
      // the workstation sends to the tailnet address over the public link
      ExecResult r = vps.fromWorkstation(concat(List.of("ip", "route", "add"), route));
      assertEquals(0, r.exitCode(), r.stderr());
      // the truth: the public address is closed, the tailnet address answers on eth0
      ExecResult closed = connect(vps, SandboxVps.VPS_PUBLIC);
      assertTrue(closed.exitCode() != 0, "the public address is closed: " + closed);
      ExecResult open = connect(vps, SandboxVps.VPS_TAILNET);
      assertEquals(0, open.exitCode(), open.stdout() + open.stderr());
      assertTrue(open.stdout().startsWith("SSH-2.0"), open.stdout());
      JsonNode ssh = audit(vps, "firewall").get("firewall.no-public-ssh");
      assertEquals("FAIL", ssh.get("status").asText(), ssh.toString());
      assertTrue(ssh.toString().contains("-> 100.64.0.10:22 on eth0"), ssh.toString());
    } finally {
      vps.fromWorkstation(concat(List.of("ip", "route", "del"), route));
      vps.inVps(concat(List.of("iptables", "-D", "INPUT"), hole));
      vps.inVps(List.of("sh", "-c", UFW_RESET + "; true"));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
