package dev.hermesharden.system.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpensshVersionTest {
  @Test
  void readsSshdDashVOf96() {
    OpensshVersion v =
        OpensshVersion.parse("OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024\n")
            .orElseThrow();
    assertEquals(9, v.major());
    assertEquals(6, v.minor());
    assertTrue(v.usesKbdInteractiveKeyword());
  }

  @Test
  void readsTheVersionOutOfOldSshdUsageText() {
    OpensshVersion v =
        OpensshVersion.parse(Fixtures.sshd("sshd-V-openssh-8.2-usage.txt")).orElseThrow();
    assertEquals("OpenSSH_8.2p1", v.text());
    assertFalse(v.usesKbdInteractiveKeyword(), "8.2 still uses ChallengeResponseAuthentication");
  }

  @Test
  void renameHappenedIn87() {
    assertFalse(new OpensshVersion(8, 6, "").usesKbdInteractiveKeyword());
    assertTrue(new OpensshVersion(8, 7, "").usesKbdInteractiveKeyword());
    assertTrue(OpensshVersion.parse("sshd: command not found").isEmpty());
  }
}
