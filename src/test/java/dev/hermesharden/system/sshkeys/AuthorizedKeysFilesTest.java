package dev.hermesharden.system.sshkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermesharden.testing.KeysFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizedKeysFilesTest {
  @Test
  void defaultIsRelativeToHome() {
    List<String> p =
        AuthorizedKeysFiles.fromSshdT(KeysFixtures.read("sshd-keys/sshd-T-default.txt"))
            .orElseThrow();
    assertEquals(
        List.of("/home/admin/.ssh/authorized_keys", "/home/admin/.ssh/authorized_keys2"),
        AuthorizedKeysFiles.resolve(p, "admin", 1000, "/home/admin"));
  }

  @Test
  void tokensExpand() {
    List<String> p =
        AuthorizedKeysFiles.fromSshdT(KeysFixtures.read("sshd-keys/sshd-T-elsewhere.txt"))
            .orElseThrow();
    assertEquals(
        List.of("/etc/ssh/authorized_keys/admin"),
        AuthorizedKeysFiles.resolve(p, "admin", 1000, "/home/admin"));
    assertEquals(
        List.of("/home/admin/keys/1000", "/srv/100%/admin"),
        AuthorizedKeysFiles.resolve(
            List.of("%h/keys/%U", "/srv/100%%/%u"), "admin", 1000, "/home/admin"));
    assertEquals(
        List.of(), AuthorizedKeysFiles.resolve(List.of("none"), "admin", 1000, "/home/admin"));
  }

  /**
   * sshd takes every key an AuthorizedKeysCommand prints (without a user to run it as, none) and
   * every certificate a TrustedUserCAKeys CA signed for the account: both logged in as hermes in
   * EarlyStepsHostileSandbox3Test with no key in any file.
   */
  @Test
  void keysFromNoFileAreNamed() {
    assertEquals(
        List.of(),
        AuthorizedKeysFiles.elsewhereFromSshdT(KeysFixtures.read("sshd-keys/sshd-T-default.txt")));
    String both =
        "authorizedkeysfile .ssh/authorized_keys\n"
            + "authorizedkeyscommand /etc/ssh/hh-akc %u\n"
            + "authorizedkeyscommanduser nobody\n"
            + "trustedusercakeys /etc/ssh/ca.pub\n";
    assertEquals(
        List.of(
            "AuthorizedKeysCommand /etc/ssh/hh-akc %u (as nobody)",
            "TrustedUserCAKeys /etc/ssh/ca.pub"),
        AuthorizedKeysFiles.elsewhereFromSshdT(both));
    assertEquals(
        List.of(),
        AuthorizedKeysFiles.elsewhereFromSshdT(
            both.replace("authorizedkeyscommanduser nobody", "authorizedkeyscommanduser none")
                .replace("trustedusercakeys /etc/ssh/ca.pub", "trustedusercakeys none")));
  }

  @Test
  void missingLine() {
    assertEquals(true, AuthorizedKeysFiles.fromSshdT("port 22\n").isEmpty());
  }
}
