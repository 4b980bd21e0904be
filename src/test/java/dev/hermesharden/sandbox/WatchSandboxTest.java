package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code watch} checks against the real tools in the sandbox VPS: {@code ss} sees a listener
 * the agent's account started on every address, a root cron entry that runs a file in the agent's
 * home is found through real {@code stat}, and a sudoers rule for the agent is found — in the files
 * the real {@code sudo} reads, as {@code sudo -l -U hermes} confirms: a drop-in named {@code
 * foo.bak} and a group-writable one are skipped by sudo and judged accordingly.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class WatchSandboxTest {
  private static JsonNode audit(SandboxVps vps) throws Exception {
    ExecResult r = vps.hermesHarden("audit", "--step", "watch", "--json");
    return new ObjectMapper().readTree(r.stdout()).get("checks");
  }

  private static JsonNode check(JsonNode checks, String id) {
    for (JsonNode c : checks) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no check " + id + " in " + checks);
  }

  private static void sudoersFile(SandboxVps vps, String name, String text, String perms)
      throws Exception {
    Path f = vps.vpsPath("/etc/sudoers.d/" + name);
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
  }

  @Test
  @Timeout(300)
  void signsOfCompromiseAreFoundWithTheRealTools(SandboxVps vps) throws Exception {
    // as a cloud image leaves it for its default user, here the admin
    sudoersFile(
        vps,
        "90-cloud-init-users",
        "# Created by cloud-init v. 24.4\n\n# User rules for admin\nadmin ALL=(ALL) NOPASSWD:ALL\n",
        "r--r-----");
    JsonNode before = audit(vps);
    assertEquals(
        "PASS", check(before, "watch.cron-writable").get("status").asText(), before.toString());
    JsonNode admin = check(before, "watch.sudoers");
    assertEquals("PASS", admin.get("status").asText(), before.toString());
    assertEquals(
        "admin NOPASSWD",
        admin.get("details").path("/etc/sudoers.d/90-cloud-init-users:4").asText(),
        admin.toString());

    vps.inVps(List.of("useradd", "-m", "-s", "/bin/sh", "hermes"));
    vps.inVps(
        SandboxVps.asHermes(
            "printf '#!/bin/sh\\n' > /home/hermes/job.sh; chmod 755 /home/hermes/job.sh"));
    Files.writeString(
        vps.vpsPath("/etc/cron.d/hh-backdoor"), "*/5 * * * * root /home/hermes/job.sh\n");
    sudoersFile(vps, "zz-agent", "hermes ALL=(ALL) NOPASSWD: /usr/bin/true\n", "r--r-----");
    sudoersFile(vps, "foo.bak", "hermes ALL=(ALL) /usr/bin/whoami\n", "r--r-----");
    sudoersFile(vps, "zz-group", "hermes ALL=(ALL) /usr/bin/id\n", "rw-rw----");
    vps.inVps(List.of("chgrp", "hermes", "/etc/sudoers.d/zz-group"));
    // sudo's own view of the same files: it reads zz-agent, skips foo.bak and the writable file
    ExecResult sudo = vps.inVps(List.of("sudo", "-l", "-U", "hermes"));
    assertTrue(sudo.stdout().contains("/usr/bin/true"), sudo.stdout() + sudo.stderr());
    assertFalse(sudo.stdout().contains("/usr/bin/whoami"), sudo.stdout());
    assertFalse(sudo.stdout().contains("/usr/bin/id"), sudo.stdout());
    SandboxVps.Background listener =
        vps.inVpsInBackground(
            SandboxVps.asHermes(
                "exec python3 -c 'import socket,time;s=socket.socket();s.bind((\"0.0.0.0\",4444));s.listen();time.sleep(120)'"),
            Map.of());
    try {
      Thread.sleep(1500);
      JsonNode after = audit(vps);
      JsonNode cron = check(after, "watch.cron-writable");
      assertEquals("FAIL", cron.get("status").asText(), cron.toString());
      assertTrue(cron.toString().contains("/home/hermes/job.sh"), cron.toString());
      JsonNode sudoers = check(after, "watch.sudoers");
      assertEquals("FAIL", sudoers.get("status").asText(), sudoers.toString());
      JsonNode details = sudoers.get("details");
      assertEquals(
          "hermes", details.path("/etc/sudoers.d/zz-agent:1").asText(), sudoers.toString());
      assertTrue(
          details.path("/etc/sudoers.d/zz-group").asText().endsWith("sudo skips this file"),
          sudoers.toString());
      assertFalse(sudoers.toString().contains("foo.bak"), sudoers.toString());
      JsonNode listeners = check(after, "watch.public-listeners");
      assertEquals("FAIL", listeners.get("status").asText(), listeners.toString());
      assertTrue(listeners.toString().contains("0.0.0.0:4444"), listeners.toString());
    } finally {
      listener.stop();
      Files.deleteIfExists(vps.vpsPath("/etc/cron.d/hh-backdoor"));
      for (String f : List.of("zz-agent", "foo.bak", "zz-group", "90-cloud-init-users")) {
        Files.deleteIfExists(vps.vpsPath("/etc/sudoers.d/" + f));
      }
    }
  }
}
