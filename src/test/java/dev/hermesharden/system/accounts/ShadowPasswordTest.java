package dev.hermesharden.system.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link ShadowPassword} over the fields Debian's tools write (seen in the sandbox VPS). */
class ShadowPasswordTest {
  @Test
  void hashesAreUsableAndLocksAreNot() {
    assertEquals(ShadowPassword.USABLE, ShadowPassword.of("$y$j9T$j2IaMd3w3MD5Oq077$abc"));
    assertEquals(ShadowPassword.USABLE, ShadowPassword.of("$6$salt$hash"));
    assertEquals(ShadowPassword.USABLE, ShadowPassword.of("abJnggxhB/yWI"), "old DES");
    assertEquals(ShadowPassword.LOCKED, ShadowPassword.of("!$y$j9T$j2IaMd"), "passwd -l");
    assertEquals(ShadowPassword.LOCKED, ShadowPassword.of("!"), "adduser --disabled-password");
    assertEquals(ShadowPassword.LOCKED, ShadowPassword.of("*"), "usermod -p '*'");
    assertEquals(ShadowPassword.LOCKED, ShadowPassword.of("!*"));
    assertEquals(ShadowPassword.EMPTY, ShadowPassword.of(""));
  }
}
