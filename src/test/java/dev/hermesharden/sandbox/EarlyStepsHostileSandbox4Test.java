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
 * The fourth hostile pass on steps 1–3 and 7 (after {@link EarlyStepsHostileSandbox3Test}): each
 * method puts the VPS in a state a check called safe, proves it unsafe by trying it (a real login
 * from the workstation, a write as {@code hermes}), and asserts the check now fails. Each method
 * undoes its setup in {@code finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class EarlyStepsHostileSandbox4Test {
  private static final Path STRICT_OFF = Path.of("/etc/ssh/sshd_config.d/04-hh-strict-off.conf");

  /**
   * Shows the truth for one state of the admin's directories: with {@code StrictModes no} (the
   * usual answer found online when a key is refused) the key logs in, so a key-login proof would be
   * recorded; with {@code StrictModes yes}, which the sshd step's drop-in writes, a new login is
   * refused. {@code ssh-keys.file-mode} must fail before that change, naming {@code expected}.
   */
  private static void assertRefusedUnderStrictModes(SandboxVps vps, String expected)
      throws Exception {
    Path off = vps.vpsPath(STRICT_OFF.toString());
    try {
      Files.writeString(off, "StrictModes no\n");
      assertEquals(0, vps.reloadSshd().exitCode());
      ExecResult proof =
          vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertEquals(0, proof.exitCode(), "StrictModes no: " + proof.stdout() + proof.stderr());
      JsonNode file = audit(vps, "ssh-keys").get("ssh-keys.file-mode");
      assertEquals("FAIL", file.get("status").asText(), expected + ": " + file);
      assertTrue(file.toString().contains("reason.ssh-keys.strict-modes"), file.toString());
      assertTrue(file.toString().contains(expected), file.toString());
    } finally {
      Files.deleteIfExists(off);
      vps.reloadSshd();
    }
    // the truth once StrictModes is on again: sshd refuses the admin's key
    ExecResult login = vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
    assertTrue(login.exitCode() != 0, "StrictModes yes: " + login.stdout() + login.stderr());
    JsonNode file = audit(vps, "ssh-keys").get("ssh-keys.file-mode");
    assertEquals("FAIL", file.get("status").asText(), expected + ": " + file);
  }

  /**
   * The admin's home shared with the agent's group ({@code chmod 0770}, hermes in group admin): the
   * agent writes the home, and sshd's StrictModes refuses the admin's key ("bad ownership or modes
   * for directory /home/admin"). {@code ~/.ssh} (700) and {@code authorized_keys} (600) were fine,
   * and the keys step passed: with StrictModes turned on by step 5 every new login was refused.
   */
  @Test
  @Timeout(180)
  void aHomeTheAgentsGroupMayWriteLocksTheKeyOutUnderStrictModes(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    try {
      ExecResult share =
          vps.inVps(List.of("sh", "-c", "chmod 0770 /home/admin && usermod -aG admin hermes"));
      assertEquals(0, share.exitCode(), share.stderr());
      ExecResult w = vps.inVps(SandboxVps.asHermes("touch /home/admin/x && echo w"));
      assertEquals("w", w.stdout().strip(), "the agent writes the admin's home: " + w.stderr());
      assertRefusedUnderStrictModes(vps, "/home/admin");
    } finally {
      vps.inVps(
          List.of(
              "sh",
              "-c",
              "rm -f /home/admin/x; chmod 0750 /home/admin; gpasswd -d hermes admin >/dev/null"));
    }
    JsonNode file = audit(vps, "ssh-keys").get("ssh-keys.file-mode");
    assertEquals("PASS", file.get("status").asText(), file.toString());
  }

  /**
   * A POSIX ACL that lets the agent write the admin's home ({@code setfacl -m u:hermes:rwx}): the
   * mode shows the ACL's mask (0770) with the admin's own group, which Debian's sshd takes
   * ("harmless group-writability"; it does not read ACLs), so the key logs in, while the agent
   * replaces the admin's {@code .profile}, which runs at the admin's next login, sudo and all.
   * Every keys check passed.
   */
  @Test
  @Timeout(180)
  void anAclThatLetsTheAgentWriteTheHomeIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    assertEquals(
        0, vps.inVps(List.of("cp", "-p", "/home/admin/.profile", "/root/hh-profile")).exitCode());
    try {
      ExecResult acl = vps.inVps(List.of("setfacl", "-m", "u:hermes:rwx", "/home/admin"));
      assertEquals(0, acl.exitCode(), acl.stderr());
      // the truth: sshd takes the key, and the agent writes what the admin's login runs
      ExecResult login =
          vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "id", "-un"));
      assertEquals(0, login.exitCode(), login.stdout() + login.stderr());
      ExecResult w =
          vps.inVps(
              SandboxVps.asHermes(
                  "cd /home/admin && cp .profile .p && echo '# planted' >>.p"
                      + " && mv -f .p .profile && grep -q planted .profile && echo w"));
      assertEquals("w", w.stdout().strip(), "the agent writes the admin's .profile: " + w.stderr());
      JsonNode file = audit(vps, "ssh-keys").get("ssh-keys.file-mode");
      assertEquals("FAIL", file.get("status").asText(), file.toString());
      assertTrue(file.toString().contains("ACL"), file.toString());
    } finally {
      vps.inVps(
          List.of(
              "sh", "-c", "setfacl -b /home/admin; mv -f /root/hh-profile /home/admin/.profile"));
    }
    JsonNode file = audit(vps, "ssh-keys").get("ssh-keys.file-mode");
    assertEquals("PASS", file.get("status").asText(), file.toString());
  }

  /**
   * Central keys ({@code AuthorizedKeysFile /etc/ssh/authorized_keys/%u}) in a directory the agent
   * owns ("so the agent can rotate deploy keys"): the admin's file (root:root 0644) was judged
   * fine, the agent can swap it for one with its own key, and under StrictModes sshd refused the
   * admin's key for the directory's owner.
   */
  @Test
  @Timeout(180)
  void aCentralKeysDirectoryOfTheAgentsLocksTheKeyOutUnderStrictModes(SandboxVps vps)
      throws Exception {
    vps.serviceAccount();
    String pub = Files.readString(Path.of(vps.workstationKey() + ".pub")).strip();
    Path dropIn = vps.vpsPath("/etc/ssh/sshd_config.d/05-hh-central.conf");
    Path dir = vps.vpsPath("/etc/ssh/authorized_keys");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("admin"), pub + "\n");
      Files.writeString(dropIn, "AuthorizedKeysFile /etc/ssh/authorized_keys/%u\n");
      ExecResult modes =
          vps.inVps(
              List.of(
                  "sh",
                  "-c",
                  "chown hermes:hermes /etc/ssh/authorized_keys && chmod 0755 /etc/ssh/authorized_keys"
                      + " && chown root:root /etc/ssh/authorized_keys/admin"
                      + " && chmod 0644 /etc/ssh/authorized_keys/admin"));
      assertEquals(0, modes.exitCode(), modes.stderr());
      ExecResult w = vps.inVps(SandboxVps.asHermes("test -w /etc/ssh/authorized_keys && echo w"));
      assertEquals("w", w.stdout().strip(), "the agent may replace the admin's keys file");
      assertRefusedUnderStrictModes(vps, "/etc/ssh/authorized_keys");
    } finally {
      Files.deleteIfExists(dropIn);
      Files.deleteIfExists(dir.resolve("admin"));
      Files.deleteIfExists(dir);
      vps.reloadSshd();
    }
  }

  /**
   * A second uid 0 whose shell field holds a colon ({@code toor::0:0::/root:/home/hermes/sh:x},
   * eight fields): glibc takes everything after the sixth colon as the shell, so {@code su toor}
   * runs the agent's {@code /home/hermes/sh:x} as root with no password. {@code getent passwd} does
   * not print it ("error writing passwd entry: Invalid argument", exit 0), and {@code
   * users.no-second-root} passed.
   */
  @Test
  @Timeout(120)
  void aSecondRootWithAColonInItsShellIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    Path passwd = vps.vpsPath("/etc/passwd");
    Path shadow = vps.vpsPath("/etc/shadow");
    String passwdBefore = Files.readString(passwd);
    String shadowBefore = Files.readString(shadow);
    try {
      Files.writeString(passwd, passwdBefore + "toor:x:0:0::/root:/home/hermes/sh:x\n");
      Files.writeString(shadow, shadowBefore + "toor::19000:0:99999:7:::\n");
      ExecResult plant =
          vps.inVps(
              SandboxVps.asHermes(
                  "printf '#!/bin/sh\\nexec /bin/sh \"$@\"\\n' >/home/hermes/sh:x && chmod 755 /home/hermes/sh:x"));
      assertEquals(0, plant.exitCode(), plant.stderr());
      // the truth: the agent is root with one su
      ExecResult su = vps.inVps(SandboxVps.asHermes("su toor -c 'id -u' </dev/null"));
      assertEquals("0", su.stdout().strip(), su.stdout() + su.stderr());
      JsonNode root = audit(vps, "users").get("users.no-second-root");
      assertEquals("FAIL", root.get("status").asText(), String.valueOf(root));
      assertTrue(root.toString().contains("toor"), root.toString());
    } finally {
      Files.writeString(passwd, passwdBefore);
      Files.writeString(shadow, shadowBefore);
      vps.inVps(List.of("rm", "-f", "/home/hermes/sh:x"));
    }
  }

  /**
   * The service account named as a member of {@code disk} in {@code /etc/gshadow} only (not in
   * {@code /etc/group}): {@code newgrp disk} lets it in with no password, and the raw block devices
   * are root. {@code users.service-user-groups} asked {@code id -nG}, which reads only {@code
   * /etc/group}, and passed.
   */
  @Test
  @Timeout(120)
  void aGshadowMembershipIsAMembership(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    Path gshadow = vps.vpsPath("/etc/gshadow");
    String before = Files.readString(gshadow);
    try {
      Files.writeString(gshadow, before.replaceAll("(?m)^(disk:[^:]*:[^:]*:)(.*)$", "$1hermes"));
      // the truth: newgrp gives the agent the group, no password asked
      ExecResult ng = vps.inVps(SandboxVps.asHermes("echo 'id -nG' | newgrp disk"));
      assertEquals(0, ng.exitCode(), ng.stdout() + ng.stderr());
      assertTrue(List.of(ng.stdout().strip().split(" ")).contains("disk"), ng.stdout());
      ExecResult id = vps.inVps(List.of("id", "-nG", "hermes"));
      assertTrue(!id.stdout().contains("disk"), "id -nG does not see it: " + id.stdout());
      JsonNode groups = audit(vps, "users").get("users.service-user-groups");
      assertEquals("FAIL", groups.get("status").asText(), groups.toString());
      assertTrue(groups.toString().contains("disk"), groups.toString());
      // the fix's gpasswd -d takes it out of gshadow, and newgrp asks for a password again
      // (exit 3: the fresh VPS's admin is not in sudo yet, so the step stays failing)
      String out =
          Cli.run(
              vps, 3, "apply", "--step", "users", "--fix", "users.service-user-groups", "--yes");
      assertTrue(out.contains("$ gpasswd -d hermes -- disk"), out);
      ExecResult again = vps.inVps(SandboxVps.asHermes("echo 'id -nG' | newgrp disk"));
      assertTrue(!again.stdout().contains("disk"), again.stdout() + again.stderr());
      groups = audit(vps, "users").get("users.service-user-groups");
      assertEquals("PASS", groups.get("status").asText(), groups.toString());
    } finally {
      Files.writeString(gshadow, before);
    }
    JsonNode groups = audit(vps, "users").get("users.service-user-groups");
    assertEquals("PASS", groups.get("status").asText(), groups.toString());
  }

  /**
   * HERMES_HOME answered as {@code /home/hermes/app/data}, a directory of the agent's own; the
   * agent then turns {@code app} into a link to a directory of root's ({@code /srv/hh-victim}, a
   * stand-in for {@code /etc} with a {@code data}, or {@code ssh}, below it). The locator's {@code
   * lstat} follows the link in the middle of the path and sees a directory of root's; the
   * permissions fix's {@code find -P} ({@code -P} guards only the last name) handed root's files to
   * the agent.
   */
  @Test
  @Timeout(120)
  void aLinkTheAgentPutsInTheMiddleOfHermesHomeGetsNoChown(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    try {
      ExecResult root =
          vps.inVps(
              List.of(
                  "sh",
                  "-c",
                  "install -d -m 0755 /srv/hh-victim/data"
                      + " && install -m 0600 /dev/null /srv/hh-victim/data/secret"));
      assertEquals(0, root.exitCode(), root.stderr());
      ExecResult agent =
          vps.inVps(
              SandboxVps.asHermes(
                  "mkdir -p /home/hermes/app/data && rm -rf /home/hermes/app"
                      + " && ln -s /srv/hh-victim /home/hermes/app"));
      assertEquals(0, agent.exitCode(), agent.stderr());
      ExecResult fix =
          vps.javaMain(
              FixInVps.class.getName(),
              "hermes-dir",
              "hermes-dir.permissions",
              "hermes.home=/home/hermes/app/data");
      // the truth: who owns root's file now
      ExecResult owner = vps.inVps(List.of("stat", "-c", "%U", "/srv/hh-victim/data/secret"));
      assertEquals("root", owner.stdout().strip(), fix.stdout() + fix.stderr());
    } finally {
      vps.inVps(List.of("rm", "-rf", "/srv/hh-victim", "/home/hermes/app"));
    }
  }
}
