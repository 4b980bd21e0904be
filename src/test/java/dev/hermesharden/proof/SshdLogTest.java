package dev.hermesharden.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sshd's messages for one connection: one {@code Accepted} line decides; text a client or another
 * account can put into the log never passes for one, and lines that do not add up to one login of
 * the admin are {@code Ambiguous} (the proof is refused) rather than read either way.
 */
class SshdLogTest {
  static final String FP = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
  static final String ADDR = "198.51.100.7";
  static final String PORT = "51234";
  static final String KEY_LINE =
      "Accepted publickey for admin from 198.51.100.7 port 51234 ssh2: ED25519 " + FP;

  static SshdLog.Answer judge(String... lines) {
    return SshdLog.judge(String.join("\n", lines), "admin", ADDR, PORT);
  }

  static LoginMethod found(SshdLog.Answer a) {
    return assertInstanceOf(SshdLog.Found.class, a, String.valueOf(a)).method();
  }

  @Test
  void oneAcceptedKeyLineIsAKeyOnlyLoginWithItsFingerprint() {
    LoginMethod m =
        found(
            judge(
                "Connection from 198.51.100.7 port 51234 on 203.0.113.10 port 22 rdomain \"\"",
                KEY_LINE,
                "Accepted publickey for admin from 198.51.100.7 port 40000 ssh2: ED25519 " + FP,
                "pam_unix(sshd:session): session opened for user admin(uid=1000) by (uid=0)"));
    assertEquals(List.of("publickey"), m.methods());
    assertEquals(FP, m.fingerprint());
  }

  @Test
  void partialLinesBeforeTheAcceptedOneAreMethodsUsed() {
    LoginMethod m =
        found(judge("Partial password for admin from 198.51.100.7 port 51234 ssh2", KEY_LINE));
    assertEquals(List.of("password", "publickey"), m.methods());
  }

  @Test
  void aFailedKeyBeforeTheAcceptedOneIsNoMethodUsed() {
    LoginMethod m =
        found(
            judge(
                "Failed publickey for admin from 198.51.100.7 port 51234 ssh2: ED25519 " + FP,
                KEY_LINE));
    assertEquals(List.of("publickey"), m.methods());
  }

  @Test
  void noAcceptedLineForThisPortIsNone() {
    assertInstanceOf(
        SshdLog.None.class,
        judge(
            "Accepted publickey for admin from 198.51.100.7 port 51235 ssh2: ED25519 " + FP,
            "Accepted publickey for admin from 198.51.100.8 port 51234 ssh2: ED25519 " + FP));
  }

  @Test
  void aSecondAcceptedLineForTheSameAddressAndPortIsAmbiguous() {
    // e.g. logger -t 'sshd[1]' 'Accepted publickey for admin from ...' into a syslog auth.log
    assertInstanceOf(
        SshdLog.Ambiguous.class,
        judge(KEY_LINE, "Accepted password for admin from 198.51.100.7 port 51234 ssh2"));
    assertInstanceOf(SshdLog.Ambiguous.class, judge(KEY_LINE, KEY_LINE));
    assertInstanceOf(
        SshdLog.Ambiguous.class,
        judge("Accepted password for admin from 198.51.100.7 port 51234 ssh2", KEY_LINE),
        "whichever comes first");
  }

  @Test
  void aLineOfAnotherUserOrAnInvalidUserForTheSamePortIsAmbiguous() {
    assertInstanceOf(
        SshdLog.Ambiguous.class,
        judge("Accepted publickey for hermes from 198.51.100.7 port 51234 ssh2", KEY_LINE));
    assertInstanceOf(
        SshdLog.Ambiguous.class,
        judge(
            "Failed password for invalid user admin from 198.51.100.7 port 51234 ssh2", KEY_LINE));
    assertInstanceOf(
        SshdLog.Ambiguous.class, judge("Invalid user bob from 198.51.100.7 port 51234", KEY_LINE));
  }

  @Test
  void anyAuthenticationLineAfterTheAcceptedOneIsAmbiguous() {
    assertInstanceOf(
        SshdLog.Ambiguous.class,
        judge(KEY_LINE, "Partial password for admin from 198.51.100.7 port 51234 ssh2"));
  }

  @Test
  void aUserNameOrDisconnectReasonCarryingAnAcceptedLineDoesNotCount() {
    // sshd logs these as root (journald _UID=0), with the text a client chose in the middle or end
    assertInstanceOf(
        SshdLog.None.class,
        judge(
            "Invalid user x Accepted publickey for admin from 198.51.100.7 port 51234 ssh2: ED25519 "
                + FP
                + " from 127.0.0.1 port 4444",
            "Received disconnect from 127.0.0.1 port 4444:11: " + KEY_LINE,
            "Received disconnect from 127.0.0.1 port 4444:11: sshd[1]: " + KEY_LINE + " [preauth]",
            "Disconnected from user hermes 127.0.0.1 port 4444 " + KEY_LINE));
  }

  @Test
  void anInvalidUserNamedLikeAnAddressStillBelongsToItsRealAddress() {
    // the address and port sshd appends come last, whatever the user name holds
    assertEquals(
        found(judge(KEY_LINE)),
        found(
            judge("Invalid user a from 198.51.100.7 port 51234 from 127.0.0.1 port 4", KEY_LINE)));
  }
}
