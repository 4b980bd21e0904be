package dev.hermesharden.system.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshdEffectiveConfigTest {
  private final SshdEffectiveConfig ubuntu2404 =
      SshdEffectiveConfig.parse(Fixtures.sshd("sshd-T-openssh-9.6-ubuntu-24.04.txt"));
  private final SshdEffectiveConfig ubuntu2004 =
      SshdEffectiveConfig.parse(Fixtures.sshd("sshd-T-openssh-8.2-ubuntu-20.04.txt"));

  @Test
  void readsSingleValuesAsPrinted() {
    assertEquals(Optional.of("without-password"), ubuntu2404.first("permitrootlogin"));
    assertEquals(Optional.of("yes"), ubuntu2404.first("PasswordAuthentication"));
    assertEquals(Optional.of("no"), ubuntu2404.first("kbdinteractiveauthentication"));
    assertEquals(Optional.of("6"), ubuntu2404.first("maxauthtries"));
    assertEquals(Optional.of("0 0"), ubuntu2404.first("rekeylimit"), "values keep their spaces");
  }

  @Test
  void repeatedKeywordsAccumulateInOrder() {
    assertEquals(
        List.of(
            "/etc/ssh/ssh_host_rsa_key",
            "/etc/ssh/ssh_host_ecdsa_key",
            "/etc/ssh/ssh_host_ed25519_key"),
        ubuntu2404.all("hostkey"));
    assertEquals(List.of("[::]:22", "0.0.0.0:22"), ubuntu2404.all("listenaddress"));
    assertEquals(List.of("LANG", "LC_*", "COLORTERM", "NO_COLOR"), ubuntu2404.words("acceptenv"));
    assertEquals(List.of("22"), ubuntu2404.all("port"));
  }

  @Test
  void oldOpensshPrintsChallengeResponseBesideKbdInteractive() {
    assertEquals(Optional.of("no"), ubuntu2004.first("challengeresponseauthentication"));
    assertEquals(Optional.of("yes"), ubuntu2004.first("kbdinteractiveauthentication"));
    assertFalse(ubuntu2404.has("challengeresponseauthentication"));
  }

  @Test
  void allowUsersMatchesByUserPartAndWildcards() {
    SshdEffectiveConfig e =
        SshdEffectiveConfig.parse(
            "allowusers deploy\nallowusers admin@10.8.0.0/24\nallowusers ops*\n");
    assertTrue(e.allowUsersPermits("admin"));
    assertTrue(e.allowUsersPermits("ops-1"));
    assertFalse(e.allowUsersPermits("root"));
    assertFalse(ubuntu2404.allowUsersPermits("admin"), "no AllowUsers line: nobody is listed");
  }
}
