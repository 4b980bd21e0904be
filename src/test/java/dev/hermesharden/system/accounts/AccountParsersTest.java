package dev.hermesharden.system.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.system.accounts.PasswordStatus.State;
import dev.hermesharden.testing.KeysFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountParsersTest {
  @Test
  void passwdLine() {
    PasswdEntry e =
        PasswdEntry.parseFirst(KeysFixtures.read("accounts/getent-passwd-admin.txt")).orElseThrow();
    assertEquals(new PasswdEntry("admin", 1000, 1000, "Admin,,,", "/home/admin", "/bin/bash"), e);
    assertTrue(PasswdEntry.parse("root:x:0:0:root:/root:/bin/bash").orElseThrow().isRoot());
    assertTrue(PasswdEntry.parseFirst("").isEmpty(), "getent prints nothing for a missing user");
    assertTrue(PasswdEntry.parse("broken:x:notanumber:0::/:/bin/sh").isEmpty());
  }

  /**
   * glibc reads everything after the sixth colon as the shell: {@code su toor} ran the agent's
   * {@code sh:x} as root, and the line was dropped as malformed (EarlyStepsHostileSandbox4Test).
   */
  @Test
  void aColonInTheShellIsPartOfTheShell() {
    assertEquals(
        new PasswdEntry("toor", 0, 0, "", "/root", "/home/hermes/sh:x"),
        PasswdEntry.parse("toor:x:0:0::/root:/home/hermes/sh:x").orElseThrow());
    assertTrue(PasswdEntry.parse("short:x:0:0::/root").isEmpty());
  }

  @Test
  void groupLineAndIdGroups() {
    GroupEntry g =
        GroupEntry.parse(KeysFixtures.read("accounts/getent-group-sudo.txt")).orElseThrow();
    assertEquals(new GroupEntry("sudo", 27, List.of("admin", "ops")), g);
    assertEquals(List.of(), GroupEntry.parse("docker:x:988:").orElseThrow().members());
    assertEquals(
        List.of("admin", "users", "sudo", "docker"),
        GroupEntry.parseIdGroups(KeysFixtures.read("accounts/id-nG-admin.txt")));
  }

  @Test
  void passwdStatusStates() {
    assertEquals(State.PASSWORD, status("accounts/passwd-S-admin.txt"));
    assertEquals(State.LOCKED, status("accounts/passwd-S-hermes.txt"));
    assertEquals(State.NO_PASSWORD, status("accounts/passwd-S-nopass.txt"));
    assertEquals(
        "2024-11-20",
        PasswordStatus.parse("admin P 2024-11-20 0 99999 7 -1").orElseThrow().lastChange());
    assertTrue(PasswordStatus.parse("passwd: user 'x' does not exist").isEmpty());
  }

  private static State status(String fixture) {
    return PasswordStatus.parse(KeysFixtures.read(fixture)).orElseThrow().state();
  }
}
