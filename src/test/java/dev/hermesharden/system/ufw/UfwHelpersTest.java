package dev.hermesharden.system.ufw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.model.Answers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UfwHelpersTest {
  @Test
  void defaultsFileSetKeepsOtherLinesAndComments() {
    String before = UfwStatusParserTest.fixture("default-ufw-ipv6-no.txt");
    String after = UfwDefaultsFile.set(before, "IPV6", "yes");
    assertEquals(before.replace("IPV6=no", "IPV6=yes"), after);
    assertEquals(Optional.of("yes"), UfwDefaultsFile.get(after, "IPV6"));
    assertEquals(
        Optional.of("DROP"), UfwDefaultsFile.get(after, "DEFAULT_INPUT_POLICY"), "quotes removed");
  }

  @Test
  void defaultsFileSetAppendsAMissingKey() {
    assertEquals("A=1\nIPV6=yes\n", UfwDefaultsFile.set("A=1\n", "IPV6", "yes"));
    assertEquals("A=1\nIPV6=yes\n", UfwDefaultsFile.set("A=1", "IPV6", "yes"));
  }

  @Test
  void cidrContainment() {
    assertTrue(PrivatePath.contains("100.64.0.0/10", "100.101.102.103"));
    assertTrue(PrivatePath.contains("100.64.0.0/10", "100.64.0.0/10"));
    assertTrue(PrivatePath.contains("127.0.0.0/8", "127.0.0.1"));
    assertFalse(PrivatePath.contains("100.64.0.0/10", "100.128.0.1"));
    assertFalse(
        PrivatePath.contains("100.64.0.0/24", "100.64.0.0/10"),
        "a smaller net does not hold a larger");
    assertFalse(PrivatePath.contains("Anywhere", "10.0.0.1"));
    assertTrue(PrivatePath.contains("0.0.0.0/0", "8.8.8.8"));
  }

  @Test
  void privatePathFromAnswers() {
    assertEquals(Optional.of("tailscale0"), PrivatePath.of(Answers.EMPTY).iface());
    PrivatePath cidr =
        PrivatePath.of(
            Answers.EMPTY
                .with(Answers.PRIVATE_PATH_KIND, "cidr")
                .with(Answers.PRIVATE_PATH_CIDR, "10.8.0.0/24"));
    assertEquals(Optional.empty(), cidr.iface());
    assertEquals("10.8.0.0/24", cidr.cidr());
  }

  @Test
  void sshdTPortLines() {
    assertEquals(
        List.of(22, 2222),
        SshPortReader.parse(UfwStatusParserTest.fixture("sshd-T-two-ports.txt")));
    assertEquals(List.of(), SshPortReader.parse("permitrootlogin no\n"));
    // ListenAddress 0.0.0.0:2222: sshd answers on 2222 though sshd -T says port 22
    assertEquals(
        List.of(22, 2222),
        SshPortReader.parse(
            "port 22\nlistenaddress 0.0.0.0:22\nlistenaddress 0.0.0.0:2222\n"
                + "listenaddress [::]:2222 rdomain x\n"));
  }

  @Test
  void portRangesAndLists() {
    UfwRule r = new UfwRule(0, "20:30/tcp", Optional.empty(), "ALLOW", "IN", "Anywhere", false);
    assertTrue(r.coversTcpPort(22));
    assertFalse(r.coversTcpPort(31));
    UfwRule list = new UfwRule(0, "80,443,22", Optional.empty(), "ALLOW", "IN", "Anywhere", false);
    assertTrue(list.coversTcpPort(22));
    UfwRule udp = new UfwRule(0, "22/udp", Optional.empty(), "ALLOW", "IN", "Anywhere", false);
    assertFalse(udp.coversTcpPort(22));
    UfwRule deny = new UfwRule(0, "22/tcp", Optional.empty(), "DENY", "IN", "Anywhere", false);
    assertFalse(deny.admitsIncoming());
  }
}
