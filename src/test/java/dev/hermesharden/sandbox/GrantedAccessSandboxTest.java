package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the agent may write although the owner says root's: granted by a POSIX ACL, a system group
 * it was made a member of, or a mode. First a directory on root's search path that looks root's by
 * its owner. The agent plants a {@code getent} there that records who ran it; the audit, run as
 * root, runs {@code getent} (the users step asks it, and the search path's own judgement asks it of
 * such a directory). Each method proves the agent's write first, then that root never ran the
 * planted file.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class GrantedAccessSandboxTest {
  private static final String DIR = "/usr/local/sbin";
  private static final String MARK = "/run/hh-planted-getent";

  /** The agent's {@code getent}: writes its uid to {@link #MARK}, then answers as the real one. */
  private static final String PLANT =
      "printf '#!/bin/sh\\nid -u >>"
          + MARK
          + "\\nexec /usr/bin/getent \"$@\"\\n' >"
          + DIR
          + "/getent && chmod 0755 "
          + DIR
          + "/getent && echo planted";

  /**
   * {@code setfacl -m u:hermes:rwx /usr/local/sbin}: the directory stays {@code root:root}; its
   * mode shows {@code drwxrwxr-x+}, the group bits being the ACL's mask. PathTrust counted the
   * group-write bit of group root as root's.
   */
  @Test
  @Timeout(180)
  void anAclGrantingTheAgentADirectoryOnRootsPathKeepsItOffThePath(SandboxVps vps)
      throws Exception {
    vps.serviceAccount();
    try {
      ok(vps.inVps(List.of("setfacl", "-m", "u:hermes:rwx", DIR)));
      assertEquals("0:0", vps.inVps(List.of("stat", "-c", "%u:%g", DIR)).stdout().strip());
      plantedAndNotRunByRoot(vps);
    } finally {
      vps.inVps(List.of("rm", "-f", DIR + "/getent", MARK));
      vps.inVps(List.of("setfacl", "-b", DIR));
    }
  }

  /**
   * {@code usermod -aG staff hermes} and a {@code root:staff 2775} directory (as Debian once
   * shipped {@code /usr/local}): a system group, so PathTrust counted it as root's.
   */
  @Test
  @Timeout(180)
  void aSystemGroupTheAgentIsInKeepsItsDirectoryOffThePath(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    try {
      ok(vps.inVps(List.of("usermod", "-aG", "staff", "hermes")));
      ok(vps.inVps(List.of("chgrp", "staff", DIR)));
      ok(vps.inVps(List.of("chmod", "2775", DIR)));
      Map<String, JsonNode> users = plantedAndNotRunByRoot(vps);
      JsonNode groups = users.get("users.service-user-groups");
      assertEquals("FAIL", groups.get("status").asText(), String.valueOf(groups));
    } finally {
      vps.inVps(List.of("rm", "-f", DIR + "/getent", MARK));
      vps.inVps(List.of("gpasswd", "-d", "hermes", "staff"));
      vps.inVps(List.of("chgrp", "root", DIR));
      vps.inVps(List.of("chmod", "0755", DIR));
    }
  }

  /**
   * Docker's socket opened to the agent without group docker: {@code chmod 666} and {@code setfacl
   * -m u:hermes:rw} are both common answers to Docker's "permission denied". The agent then talks
   * to dockerd (the truth: {@code docker ps} as hermes), which is root; the check looked at group
   * docker only and passed.
   */
  @Test
  @Timeout(180)
  void dockersSocketOpenedByModeOrAclIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    String sock = "/run/docker.sock";
    String mode = vps.inVps(List.of("stat", "-c", "%a", sock)).stdout().strip();
    assertEquals("FAIL", dockerAsHermes(vps), "the agent cannot reach dockerd at the start");
    assertEquals("PASS", socketCheck(vps).get("status").asText());
    try {
      ok(vps.inVps(List.of("chmod", "666", sock)));
      assertEquals("OK", dockerAsHermes(vps));
      JsonNode c = socketCheck(vps);
      assertEquals("FAIL", c.get("status").asText(), String.valueOf(c));
      assertTrue(c.toString().contains("666"), c.toString());
      ok(vps.inVps(List.of("chmod", mode, sock)));
      ok(vps.inVps(List.of("setfacl", "-m", "u:hermes:rw", sock)));
      assertEquals("OK", dockerAsHermes(vps));
      c = socketCheck(vps);
      assertEquals("FAIL", c.get("status").asText(), String.valueOf(c));
    } finally {
      vps.inVps(List.of("setfacl", "-b", sock));
      vps.inVps(List.of("chmod", mode, sock));
    }
    assertEquals("FAIL", dockerAsHermes(vps));
    assertEquals("PASS", socketCheck(vps).get("status").asText());
  }

  /**
   * A file in {@code /etc/sudoers.d} with {@code setfacl -m u:hermes:rw}: it stays {@code root:root
   * 0660}, which sudo accepts (group root may write; sudo does not read ACLs), so the agent grants
   * itself root (the truth: {@code sudo -n id -u} as hermes prints 0). {@code watch.sudoers} read
   * the grant's file but not who may write it, and passed while it held no grant yet.
   */
  @Test
  @Timeout(180)
  void aSudoersFileTheAgentMayWriteByAclIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    String file = "/etc/sudoers.d/90-ops";
    try {
      ok(vps.inVps(List.of("sh", "-c", "printf '# ops\\n' >" + file + " && chmod 0440 " + file)));
      JsonNode before = audit(vps, "watch").get("watch.sudoers");
      assertEquals("PASS", before.get("status").asText(), String.valueOf(before));
      ok(vps.inVps(List.of("chmod", "0660", file)));
      ok(vps.inVps(List.of("setfacl", "-m", "u:hermes:rw", file)));
      JsonNode open = audit(vps, "watch").get("watch.sudoers");
      assertEquals("FAIL", open.get("status").asText(), String.valueOf(open));
      assertTrue(open.toString().contains(file), open.toString());
      // the truth: the agent writes itself a grant, and sudo reads it
      ExecResult root =
          vps.inVps(
              SandboxVps.asHermes(
                  "echo 'hermes ALL=(ALL) NOPASSWD: ALL' >>"
                      + file
                      + " && sudo -n id -u </dev/null"));
      assertEquals("0", root.stdout().strip(), root.stdout() + root.stderr());
    } finally {
      vps.inVps(List.of("rm", "-f", file));
    }
  }

  /**
   * dockerd's API on TCP without {@code --tlsverify} ({@code -H tcp://127.0.0.1:2375}, a common way
   * to reach Docker from a tool): every local account reaches it, the agent included, and it is
   * root (the truth: {@code docker -H tcp://… ps} as hermes). A second daemon of its own state is
   * started for this, killed by pid after.
   */
  @Test
  @Timeout(240)
  void dockerdsApiOnTcpWithoutCertificatesIsNoPass(SandboxVps vps) throws Exception {
    vps.serviceAccount();
    SandboxVps.Background daemon =
        vps.inVpsInBackground(
            List.of(
                "/usr/sbin/dockerd",
                "--data-root",
                "/var/lib/hh-docker2",
                "--exec-root",
                "/run/hh-docker2",
                "--pidfile",
                "/run/hh-docker2.pid",
                "--bridge=none",
                "--iptables=false",
                "--ip6tables=false",
                "-H",
                "tcp://127.0.0.1:2375"),
            Map.of());
    try {
      String tcp = "docker -H tcp://127.0.0.1:2375 ps -q >/dev/null 2>&1 && echo OK || echo FAIL";
      long end = System.nanoTime() + 60_000_000_000L;
      while (!vps.inVps(SandboxVps.asHermes(tcp)).stdout().strip().equals("OK")) {
        assertTrue(System.nanoTime() < end, "dockerd on tcp did not answer: " + daemon.output());
        Thread.sleep(500);
      }
      // the truth: the agent talks to a root daemon without group docker or a certificate
      assertEquals("FAIL", dockerAsHermes(vps), "the unix socket stays closed to it");
      JsonNode c = socketCheck(vps);
      assertEquals("FAIL", c.get("status").asText(), String.valueOf(c));
      assertEquals("reason.docker.tcp-open-to-user", c.get("reason_key").asText(), c.toString());
    } finally {
      daemon.stop();
    }
    assertEquals("PASS", socketCheck(vps).get("status").asText());
  }

  private static String dockerAsHermes(SandboxVps vps) throws Exception {
    return vps.inVps(SandboxVps.asHermes("docker ps -q >/dev/null 2>&1 && echo OK || echo FAIL"))
        .stdout()
        .strip();
  }

  private static JsonNode socketCheck(SandboxVps vps) throws Exception {
    return audit(vps, "docker").get("docker.service-user-not-in-docker-group");
  }

  /** The agent's write succeeds (the truth), and a root audit then never runs what it wrote. */
  private static Map<String, JsonNode> plantedAndNotRunByRoot(SandboxVps vps) throws Exception {
    ExecResult plant = vps.inVps(SandboxVps.asHermes(PLANT));
    assertEquals("planted", plant.stdout().strip(), plant.stdout() + plant.stderr());
    Map<String, JsonNode> users = audit(vps, "users");
    assertFalse(
        Files.exists(vps.vpsPath(MARK)),
        "root ran the agent's getent: " + (Files.exists(vps.vpsPath(MARK)) ? mark(vps) : ""));
    JsonNode exists = users.get("users.service-user-exists");
    assertEquals("PASS", exists.get("status").asText(), String.valueOf(exists));
    return users;
  }

  private static String mark(SandboxVps vps) throws Exception {
    return Files.readString(vps.vpsPath(MARK));
  }

  private static void ok(ExecResult r) {
    assertEquals(0, r.exitCode(), r.argv() + ": " + r.stdout() + r.stderr());
  }
}
