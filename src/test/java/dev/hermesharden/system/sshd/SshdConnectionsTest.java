package dev.hermesharden.system.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The connections asked about: one per Match block, made to match it, admin and root alike. */
class SshdConnectionsTest {
  private static final SshdAccounts ACCOUNTS =
      new SshdAccounts(
          Map.of(
              "root", List.of("root"),
              "admin", List.of("admin", "sudo"),
              "bob", List.of("bob", "staff")));

  private static List<SshdConnection> of(String files) {
    return SshdConnections.of(
        SshdConfigFiles.parse(Map.of(SshdConfigFiles.MAIN, files)),
        "admin",
        Optional.of("203.0.113.7"),
        "22",
        ACCOUNTS);
  }

  @Test
  void theAdminAndRootFromTheAdminsAddressComeFirst() {
    List<SshdConnection> c = of("PasswordAuthentication no\n");
    assertEquals(2, c.size());
    assertEquals(
        "user=admin,host=203.0.113.7,addr=203.0.113.7,lport=22", c.get(0).spec().toArgument());
    assertEquals("root", c.get(1).spec().user());
  }

  @Test
  void anAddressBlockForAnotherNetworkIsAskedFromInsideIt() {
    List<SshdConnection> c =
        of("Match Address 198.51.100.0/24\n  PermitRootLogin prohibit-password\n");
    List<SshdConnection> block = c.stream().filter(SshdConnection::fromMatchBlock).toList();
    assertEquals(2, block.size(), block.toString());
    assertTrue(block.stream().allMatch(x -> x.spec().addr().equals("198.51.100.1")));
    assertTrue(block.stream().anyMatch(x -> x.spec().user().equals("root")));
    assertTrue(
        block.get(0).origin().startsWith("Match Address 198.51.100.0/24 (/etc/ssh/sshd_config:1)"));
    assertTrue(block.stream().noneMatch(SshdConnection::byAccount), "an address block is anyone's");
    for (String criteria : List.of("User bob", "Group staff", "Address 198.51.100.0/24 user bob")) {
      assertTrue(
          of("Match " + criteria + "\n PasswordAuthentication yes\n").stream()
              .filter(SshdConnection::fromMatchBlock)
              .allMatch(SshdConnection::byAccount),
          criteria);
    }
  }

  @Test
  void userGroupNegationAndPortCriteria() {
    assertEquals(
        "bob",
        of("Match User bob\n PasswordAuthentication yes\n").stream()
            .filter(SshdConnection::fromMatchBlock)
            .findFirst()
            .orElseThrow()
            .spec()
            .user());
    assertEquals(
        "bob",
        of("Match Group staff\n PasswordAuthentication yes\n").stream()
            .filter(SshdConnection::fromMatchBlock)
            .findFirst()
            .orElseThrow()
            .spec()
            .user());
    SshdConnection neg =
        of("Match Address *,!203.0.113.0/24\n PasswordAuthentication yes\n").stream()
            .filter(SshdConnection::fromMatchBlock)
            .findFirst()
            .orElseThrow();
    assertTrue(
        MatchCriteria.addressList(neg.spec().addr(), "*,!203.0.113.0/24"), neg.spec().toString());
    SshdConnection port =
        of("Match LocalPort 2222\n PasswordAuthentication yes\n").stream()
            .filter(SshdConnection::fromMatchBlock)
            .findFirst()
            .orElseThrow();
    assertEquals(Optional.of("2222"), port.spec().lport());
  }

  @Test
  void authMethodsAndWhatAPasswordAloneOpens() {
    SshdEffectiveConfig on =
        SshdEffectiveConfig.parse(
            "pubkeyauthentication yes\npasswordauthentication yes\nkbdinteractiveauthentication yes\n"
                + "usepam yes\nauthenticationmethods any\n");
    assertEquals(
        List.of("publickey", "password", "keyboard-interactive"), SshdAuthMethods.offered(on));
    assertEquals(
        java.util.Set.of("password", "keyboard-interactive"), SshdAuthMethods.secretOnly(on));
    SshdEffectiveConfig keyFirst =
        SshdEffectiveConfig.parse(
            "pubkeyauthentication yes\npasswordauthentication yes\nkbdinteractiveauthentication no\n"
                + "usepam yes\nauthenticationmethods publickey,password\n");
    assertEquals(List.of("publickey"), SshdAuthMethods.offered(keyFirst));
    assertEquals(java.util.Set.of(), SshdAuthMethods.secretOnly(keyFirst));
    SshdEffectiveConfig noPam =
        SshdEffectiveConfig.parse(
            "pubkeyauthentication yes\npasswordauthentication no\nkbdinteractiveauthentication yes\n"
                + "usepam no\nauthenticationmethods any\n");
    assertEquals(List.of("publickey", "keyboard-interactive"), SshdAuthMethods.offered(noPam));
    assertEquals(java.util.Set.of(), SshdAuthMethods.secretOnly(noPam), "no PAM: nothing prompts");
  }

  @Test
  void whoSshdLetsTry() {
    SshdEffectiveConfig e = SshdEffectiveConfig.parse("denyusers root\nallowgroups sudo\n");
    assertEquals(
        Optional.of("DenyUsers root"),
        SshdUserAccess.refusedBy(e, "root", List.of("root", "sudo")));
    assertEquals(Optional.empty(), SshdUserAccess.refusedBy(e, "admin", List.of("admin", "sudo")));
    assertEquals(
        Optional.of("AllowGroups sudo"), SshdUserAccess.refusedBy(e, "bob", List.of("bob")));
    SshdEffectiveConfig host = SshdEffectiveConfig.parse("allowusers admin@100.64.0.0/10\n");
    assertEquals(Optional.empty(), SshdUserAccess.refusedBy(host, "admin", List.of()));
    assertTrue(SshdUserAccess.refusedBy(host, "root", List.of()).isPresent());
  }
}
