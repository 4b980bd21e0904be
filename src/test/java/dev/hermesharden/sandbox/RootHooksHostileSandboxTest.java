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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Root runs the agent's code from hooks no watch check read: a login message script, an apt hook,
 * root's shell start file, a logrotate script. Each method has the agent plant a script that
 * records {@code id -u}, wires it the way an admin might, shows root really runs it (run-parts as
 * pam_motd does, the hook {@code apt-config dump} lists run with {@code sh -c} as apt does, {@code
 * bash -l} as {@code sudo -i} does, {@code logrotate -f} where installed), and asserts the cron,
 * units and loader checks still pass (the old audit's answer) while {@code
 * watch.root-hooks-writable} fails naming the path. Each puts the VPS back in {@code finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class RootHooksHostileSandboxTest {
  private static final String RAN = "/home/hermes/ran";

  @BeforeAll
  static void agent(SandboxVps vps) throws Exception {
    vps.serviceAccount();
  }

  /** The agent's script that records who ran it. */
  private static void plant(SandboxVps vps, String path) throws Exception {
    ExecResult plant =
        vps.inVps(
            SandboxVps.asHermes(
                "printf '#!/bin/sh\\nid -u > "
                    + RAN
                    + "\\n' > "
                    + path
                    + " && chmod 755 "
                    + path
                    + " && echo planted"));
    assertEquals("planted", plant.stdout().strip(), plant.stderr());
  }

  private static void assertRootRan(SandboxVps vps, ExecResult how) throws Exception {
    Path ran = vps.vpsPath(RAN);
    assertTrue(
        Files.exists(ran) && Files.readString(ran).strip().equals("0"),
        "root ran the agent's script: " + how.stdout() + how.stderr());
  }

  /** The old audit's answer (the other watch checks pass) and the new check's. */
  private static void assertOnlyTheHookCheckFails(SandboxVps vps, String detail) throws Exception {
    Map<String, JsonNode> watch = audit(vps, "watch");
    for (String id :
        List.of("watch.cron-writable", "watch.units-writable", "watch.loader-writable")) {
      assertEquals("PASS", watch.get(id).get("status").asText(), watch.get(id).toString());
    }
    JsonNode c = watch.get("watch.root-hooks-writable");
    assertEquals("FAIL", c.get("status").asText(), c.toString());
    assertTrue(c.get("details").has(detail), c.toString());
  }

  private static void cleanUp(SandboxVps vps, String... paths) throws Exception {
    for (String p : paths) {
      Files.deleteIfExists(vps.vpsPath(p));
    }
    Files.deleteIfExists(vps.vpsPath(RAN));
  }

  @Test
  @Timeout(300)
  void theVpsStockHooksPass(SandboxVps vps) throws Exception {
    JsonNode c = audit(vps, "watch").get("watch.root-hooks-writable");
    assertEquals("PASS", c.get("status").asText(), c.toString());
  }

  /** An admin's motd script that runs a status script in the agent's home: every SSH login. */
  @Test
  @Timeout(300)
  void aMotdScriptRunningTheAgentsFileIsNoPass(SandboxVps vps) throws Exception {
    String motd = "/etc/update-motd.d/60-hermes-status";
    try {
      plant(vps, "/home/hermes/status.sh");
      Files.writeString(vps.vpsPath(motd), "#!/bin/sh\n/home/hermes/status.sh\n");
      vps.inVps(List.of("chmod", "755", motd));
      // what pam_motd runs (pam_motd.c: run-parts --lsbsysinit /etc/update-motd.d)
      assertRootRan(vps, vps.inVps(List.of("run-parts", "--lsbsysinit", "/etc/update-motd.d")));
      assertOnlyTheHookCheckFails(vps, motd + ":2 /home/hermes/status.sh");
    } finally {
      cleanUp(vps, motd, "/home/hermes/status.sh");
    }
  }

  /**
   * An apt hook (as unattended-upgrades' daily {@code apt update} runs it) naming the agent's file.
   */
  @Test
  @Timeout(300)
  void anAptHookRunningTheAgentsFileIsNoPass(SandboxVps vps) throws Exception {
    String conf = "/etc/apt/apt.conf.d/99hermes-notify";
    try {
      plant(vps, "/home/hermes/notify.sh");
      Files.writeString(
          vps.vpsPath(conf),
          "// tell Hermes about new packages\n"
              + "APT::Update::Post-Invoke-Success { \"/home/hermes/notify.sh || true\"; };\n");
      ExecResult dump =
          vps.inVps(List.of("apt-config", "dump", "APT::Update::Post-Invoke-Success"));
      String line =
          dump.stdout()
              .lines()
              .filter(l -> l.contains("/home/hermes/notify.sh"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("apt reads the hook: " + dump.stdout()));
      String command = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
      // apt runs each hook with /bin/sh -c as root (RunScripts in apt-pkg/deb/dpkgpm.cc)
      assertRootRan(vps, vps.inVps(List.of("/bin/sh", "-c", command)));
      assertOnlyTheHookCheckFails(vps, conf + ":2 /home/hermes/notify.sh");
    } finally {
      cleanUp(vps, conf, "/home/hermes/notify.sh");
    }
  }

  /**
   * Root's {@code .profile} sources a file in the agent's home: the admin's next {@code sudo -i}.
   */
  @Test
  @Timeout(300)
  void aRootProfileSourcingTheAgentsFileIsNoPass(SandboxVps vps) throws Exception {
    try {
      plant(vps, "/home/hermes/aliases.sh");
      Files.writeString(
          vps.vpsPath("/root/.profile"),
          "[ -f /home/hermes/aliases.sh ] && . /home/hermes/aliases.sh\n");
      assertRootRan(
          vps,
          vps.inVps(List.of("env", "-i", "HOME=/root", "USER=root", "bash", "-l", "-c", "true")));
      assertOnlyTheHookCheckFails(vps, "/root/.profile:1 /home/hermes/aliases.sh");
    } finally {
      cleanUp(vps, "/root/.profile", "/home/hermes/aliases.sh");
    }
  }

  /**
   * {@code /etc/cron.hourly} with only Debian's {@code .placeholder}, handed to the agent: no
   * script to judge, and {@code watch.cron-writable} passed; the agent's next file there is run by
   * {@code run-parts} (as Debian's {@code /etc/crontab} runs it) as root.
   */
  @Test
  @Timeout(300)
  void anEmptyRunPartsDirectoryTheAgentCanWriteIsNoPass(SandboxVps vps) throws Exception {
    String dir = "/etc/cron.hourly";
    try {
      vps.inVps(List.of("sh", "-c", "mkdir -p " + dir + " && : > " + dir + "/.placeholder"));
      // handed to the agent (an ACL or chmod 777 makes it shared: the check cannot list it and
      // says ERROR, no pass)
      ExecResult own = vps.inVps(List.of("chown", "hermes:hermes", dir));
      assertEquals(0, own.exitCode(), own.stderr());
      JsonNode c = audit(vps, "watch").get("watch.cron-writable");
      assertEquals("FAIL", c.get("status").asText(), c.toString());
      assertTrue(c.get("details").has(dir + ":0 " + dir), c.toString());
      plant(vps, dir + "/agent");
      assertRootRan(vps, vps.inVps(List.of("run-parts", "--report", dir)));
    } finally {
      vps.inVps(List.of("rm", "-rf", dir));
      Files.deleteIfExists(vps.vpsPath(RAN));
    }
  }

  /**
   * An admin's kernel hook that tells the agent about a new kernel: the kernel package's postinst
   * runs {@code /etc/kernel/postinst.d} with {@code run-parts} as root on every kernel install
   * (unattended-upgrades installs them by itself). The hook check read none of it and passed.
   */
  @Test
  @Timeout(300)
  void aKernelHookRunningTheAgentsFileIsNoPass(SandboxVps vps) throws Exception {
    String hook = "/etc/kernel/postinst.d/zz-hermes-notify";
    try {
      plant(vps, "/home/hermes/new-kernel.sh");
      vps.inVps(List.of("mkdir", "-p", "/etc/kernel/postinst.d"));
      Files.writeString(vps.vpsPath(hook), "#!/bin/sh\n/home/hermes/new-kernel.sh \"$1\"\n");
      vps.inVps(List.of("chmod", "755", hook));
      // what linux-image-*.postinst runs (Debian's kernel-img.conf hooks, run-parts(8))
      assertRootRan(
          vps,
          vps.inVps(
              List.of(
                  "run-parts",
                  "--report",
                  "--arg=6.1.0-99-amd64",
                  "--arg=/boot/vmlinuz-6.1.0-99-amd64",
                  "/etc/kernel/postinst.d")));
      assertOnlyTheHookCheckFails(vps, hook + ":2 /home/hermes/new-kernel.sh");
    } finally {
      cleanUp(vps, hook, "/home/hermes/new-kernel.sh");
    }
  }

  /**
   * A dpkg configuration line {@code post-invoke=} naming the agent's file: dpkg runs it with
   * {@code sh -c} as root after every package change (here {@code dpkg --configure -a} on an empty
   * admin directory, so the host's read-only package database is not touched).
   */
  @Test
  @Timeout(300)
  void aDpkgPostInvokeRunningTheAgentsFileIsNoPass(SandboxVps vps) throws Exception {
    String conf = "/etc/dpkg/dpkg.cfg.d/hermes-notify";
    try {
      plant(vps, "/home/hermes/after-dpkg.sh");
      Files.writeString(vps.vpsPath(conf), "post-invoke=/home/hermes/after-dpkg.sh\n");
      assertRootRan(
          vps,
          vps.inVps(
              List.of(
                  "sh",
                  "-c",
                  "d=/tmp/hh-dpkg && mkdir -p $d/updates $d/info $d/triggers && : > $d/status"
                      + " && dpkg --admindir=$d --configure -a")));
      assertOnlyTheHookCheckFails(vps, conf + ":1 /home/hermes/after-dpkg.sh");
    } finally {
      cleanUp(vps, conf, "/home/hermes/after-dpkg.sh");
      vps.inVps(List.of("rm", "-rf", "/tmp/hh-dpkg"));
    }
  }

  /**
   * {@code /etc/ssh/sshrc} naming the agent's file: sshd runs it with {@code sh} as every account
   * that logs in, so the admin's next SSH login runs the agent's code as the admin (who has sudo).
   */
  @Test
  @Timeout(300)
  void anSshrcRunningTheAgentsFileRunsItAsTheAdmin(SandboxVps vps) throws Exception {
    String rc = "/etc/ssh/sshrc";
    String ran = "/tmp/hh-sshrc-ran";
    try {
      ExecResult plant =
          vps.inVps(
              SandboxVps.asHermes(
                  "printf '#!/bin/sh\\nid -un > "
                      + ran
                      + "\\n' > /home/hermes/greet.sh && chmod 755 /home/hermes/greet.sh"
                      + " && chmod o+x /home/hermes && echo planted"));
      assertEquals("planted", plant.stdout().strip(), plant.stderr());
      Files.writeString(vps.vpsPath(rc), "/home/hermes/greet.sh\n");
      ExecResult login = vps.fromWorkstation(vps.ssh("admin@" + SandboxVps.VPS_PUBLIC, "true"));
      assertEquals(0, login.exitCode(), login.stdout() + login.stderr());
      assertEquals(
          "admin",
          Files.readString(vps.vpsPath(ran)).strip(),
          "sshd ran the agent's file as the admin");
      assertOnlyTheHookCheckFails(vps, rc + ":1 /home/hermes/greet.sh");
    } finally {
      cleanUp(vps, rc, "/home/hermes/greet.sh", ran);
    }
  }

  /** A logrotate postrotate script the agent owns (the truth only where logrotate is installed). */
  @Test
  @Timeout(300)
  void aLogrotateScriptRunningTheAgentsFileIsNoPass(SandboxVps vps) throws Exception {
    String conf = "/etc/logrotate.d/hermes";
    try {
      plant(vps, "/home/hermes/reopen.sh");
      vps.inVps(
          SandboxVps.asHermes("mkdir -p /home/hermes/logs && echo x > /home/hermes/logs/a.log"));
      Files.writeString(
          vps.vpsPath(conf),
          "/home/hermes/logs/*.log {\n  su hermes hermes\n  rotate 2\n  postrotate\n"
              + "    /home/hermes/reopen.sh\n  endscript\n}\n");
      ExecResult which = vps.inVps(List.of("sh", "-c", "command -v logrotate"));
      if (which.exitCode() == 0) {
        assertRootRan(vps, vps.inVps(List.of("logrotate", "-f", "-s", "/tmp/hh-lr.state", conf)));
      }
      assertOnlyTheHookCheckFails(vps, conf + ":5 /home/hermes/reopen.sh");
    } finally {
      cleanUp(vps, conf, "/home/hermes/reopen.sh");
      vps.inVps(List.of("rm", "-rf", "/home/hermes/logs", "/tmp/hh-lr.state"));
    }
  }
}
