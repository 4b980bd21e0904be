package dev.hermesharden.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code watch} checks against the real tools in the sandbox VPS: {@code ss} sees a listener
 * the agent's account started on every address, a root cron entry that runs a file in the agent's
 * home is found through real {@code stat}, and a foreign {@code /etc/sudoers.d} file is noticed.
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

  @Test
  @Timeout(300)
  void signsOfCompromiseAreFoundWithTheRealTools(SandboxVps vps) throws Exception {
    JsonNode before = audit(vps);
    assertEquals(
        "PASS", check(before, "watch.cron-writable").get("status").asText(), before.toString());
    assertEquals("PASS", check(before, "watch.sudoers").get("status").asText(), before.toString());

    vps.inVps(List.of("useradd", "-m", "-s", "/bin/sh", "hermes"));
    vps.inVps(
        SandboxVps.asHermes(
            "printf '#!/bin/sh\\n' > /home/hermes/job.sh; chmod 755 /home/hermes/job.sh"));
    Files.writeString(
        vps.vpsPath("/etc/cron.d/hh-backdoor"), "*/5 * * * * root /home/hermes/job.sh\n");
    Files.writeString(vps.vpsPath("/etc/sudoers.d/zz-agent"), "hermes ALL=(ALL) NOPASSWD: ALL\n");
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
      assertTrue(sudoers.toString().contains("zz-agent"), sudoers.toString());
      JsonNode listeners = check(after, "watch.public-listeners");
      assertEquals("FAIL", listeners.get("status").asText(), listeners.toString());
      assertTrue(listeners.toString().contains("0.0.0.0:4444"), listeners.toString());
    } finally {
      listener.stop();
      Files.deleteIfExists(vps.vpsPath("/etc/cron.d/hh-backdoor"));
      Files.deleteIfExists(vps.vpsPath("/etc/sudoers.d/zz-agent"));
    }
  }
}
