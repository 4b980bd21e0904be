package dev.hermesharden.sandbox;

import static dev.hermesharden.sandbox.Cli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermesharden.host.ExecResult;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ways to root besides sudo that the users step (1) and the watch step (13) did not read: a {@code
 * doas} rule for the agent. Each method wires the trap as an admin might, shows the agent really
 * becomes root, and asserts the old checks pass while the new one fails. Each puts the VPS back in
 * {@code finally}.
 */
@Tag("sandbox")
@ExtendWith(SandboxVps.class)
class PrivilegeToolsHostileSandboxTest {
  @BeforeAll
  static void agent(SandboxVps vps) throws Exception {
    vps.serviceAccount();
  }

  /**
   * {@code permit nopass hermes as root} in {@code /etc/doas.conf} (Debian's {@code opendoas}, the
   * setuid {@code doas}): the agent runs {@code doas -n id -u} and gets 0. The users step and
   * {@code watch.sudoers} read only sudo's rules and passed.
   */
  @Test
  @Timeout(300)
  void aDoasRuleForTheAgentIsNoPass(SandboxVps vps) throws Exception {
    ExecResult which = vps.inVps(List.of("sh", "-c", "command -v doas"));
    assertEquals(0, which.exitCode(), "doas: apt-get install opendoas (.ci/run does)");
    String conf = "/etc/doas.conf";
    try {
      Files.writeString(vps.vpsPath(conf), "permit nopass hermes as root\n");
      assertEquals(0, vps.inVps(List.of("chmod", "0400", conf)).exitCode());
      ExecResult root = vps.inVps(SandboxVps.asHermes("doas -n -u root id -u"));
      assertEquals("0", root.stdout().strip(), "the agent is root: " + root.stderr());
      Map<String, JsonNode> users = audit(vps, "users");
      for (String id : List.of("users.service-user-groups", "users.no-second-root")) {
        assertEquals("PASS", users.get(id).get("status").asText(), users.get(id).toString());
      }
      Map<String, JsonNode> watch = audit(vps, "watch");
      assertEquals(
          "PASS",
          watch.get("watch.sudoers").get("status").asText(),
          watch.get("watch.sudoers").toString());
      JsonNode c = watch.get("watch.doas");
      assertEquals("FAIL", c.get("status").asText(), c.toString());
      assertTrue(c.get("details").has(conf + ":1"), c.toString());
    } finally {
      Files.deleteIfExists(vps.vpsPath(conf));
    }
    JsonNode c = audit(vps, "watch").get("watch.doas");
    assertEquals("NOT_APPLICABLE", c.get("status").asText(), c.toString());
  }

  /**
   * A polkit rule in {@code /etc/polkit-1/rules.d} that says yes to the agent (an admin letting it
   * restart its own service writes one like it): with the system bus and polkitd running in the
   * VPS, the agent's {@code pkexec id -u} prints 0. The users step and the watch step read no
   * polkit rule and passed.
   */
  @Test
  @Timeout(300)
  void aPolkitRuleThatSaysYesToTheAgentIsNoPass(SandboxVps vps) throws Exception {
    ExecResult which = vps.inVps(List.of("sh", "-c", "command -v pkexec"));
    assertEquals(0, which.exitCode(), "pkexec: apt-get install pkexec (.ci/run does)");
    String rule = "/etc/polkit-1/rules.d/60-hermes.rules";
    String pids = "";
    try {
      Files.writeString(
          vps.vpsPath(rule),
          "// let Hermes restart its own service\n"
              + "polkit.addRule(function(action, subject) {\n"
              + "    if (subject.user == \"hermes\") {\n"
              + "        return polkit.Result.YES;\n"
              + "    }\n"
              + "});\n");
      ExecResult up =
          vps.inVps(
              List.of(
                  "sh",
                  "-c",
                  "mkdir -p /run/dbus && dbus-daemon --system --fork --print-pid"
                      + " && (/usr/lib/polkit-1/polkitd --no-debug >/run/hh-polkitd.log 2>&1 &"
                      + " echo $!) && sleep 2"));
      pids = up.stdout().strip().replaceAll("\\s+", " ");
      assertEquals(0, up.exitCode(), up.stdout() + up.stderr());
      ExecResult root = vps.inVps(SandboxVps.asHermes("pkexec id -u"));
      assertEquals(
          "0",
          root.stdout().strip(),
          "the agent is root: "
              + root.stderr()
              + Files.readString(vps.vpsPath("/run/hh-polkitd.log")));
      Map<String, JsonNode> users = audit(vps, "users");
      for (String id : List.of("users.service-user-groups", "users.no-second-root")) {
        assertEquals("PASS", users.get(id).get("status").asText(), users.get(id).toString());
      }
      JsonNode c = audit(vps, "watch").get("watch.polkit");
      assertEquals("FAIL", c.get("status").asText(), c.toString());
      assertTrue(c.get("details").has(rule), c.toString());
    } finally {
      if (!pids.isEmpty()) {
        vps.inVps(List.of("sh", "-c", "kill " + pids));
      }
      Files.deleteIfExists(vps.vpsPath(rule));
    }
    JsonNode c = audit(vps, "watch").get("watch.polkit");
    assertEquals("PASS", c.get("status").asText(), c.toString());
  }
}
