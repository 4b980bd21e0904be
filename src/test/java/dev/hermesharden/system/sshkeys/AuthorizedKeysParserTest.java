package dev.hermesharden.system.sshkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.testing.KeysFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuthorizedKeysParserTest {
  /** ssh-keygen -lf output recorded when the fixture keys were generated: name to bits, fp. */
  private static final Map<String, String[]> KEYGEN =
      KeysFixtures.read("sshkeys/ssh-keygen-lf.txt")
          .lines()
          .map(l -> l.split(" "))
          .collect(Collectors.toMap(f -> f[0], f -> new String[] {f[1], f[2]}));

  @Test
  void mixedFileKeysOptionsAndBrokenLines() {
    AuthorizedKeysParser.Result r =
        AuthorizedKeysParser.parse(KeysFixtures.read("sshkeys/authorized_keys.mixed"));
    assertEquals(5, r.keys().size(), "rsa2048, ed25519, rsa3072 with options, ecdsa, dsa");
    assertEquals(List.of(8, 9), r.unreadable(), "garbage and a bad base64 line");
    AuthorizedKey rsa3 = r.keys().get(2);
    assertEquals(5, rsa3.line());
    assertTrue(
        rsa3.options()
            .startsWith("from=\"10.8.0.0/24,100.64.0.0/10\",no-pty,command=\"/usr/bin/rsync"));
    assertTrue(rsa3.options().endsWith("/backup\""), rsa3.options());
    assertEquals("admin@desktop", rsa3.comment());
    assertEquals("no-agent-forwarding,no-X11-forwarding", r.keys().get(3).options());
  }

  @Test
  void aCertAuthorityLineIsNoLoginKey() {
    // sshd refused the admin's ed25519 key written as cert-authority
    // (EarlyStepsHostileSandbox2Test)
    String ed = KeysFixtures.read("sshkeys/ed25519.pub").strip();
    for (String opts :
        List.of("cert-authority ", "CERT-AUTHORITY ", "principals=\"a,b\",cert-authority ")) {
      AuthorizedKey k = AuthorizedKeysParser.parseLine(1, opts + ed).orElseThrow();
      assertTrue(k.rejection().orElse("").startsWith("cert-authority"), opts);
    }
    for (String opts :
        List.of("", "command=\"echo cert-authority\" ", "command=\"echo \\\",cert-authority\" ")) {
      AuthorizedKey k = AuthorizedKeysParser.parseLine(1, opts + ed).orElseThrow();
      assertTrue(k.acceptable(), opts + k.rejection());
    }
  }

  /**
   * sshd refused the admin's key with {@code expiry-time="20000101"}
   * (EarlyStepsHostileSandbox3Test) and took it with {@code 20991231}; a time without Z is the
   * server's local time, so it counts as passed only when it has in every zone.
   */
  @Test
  void aKeyPastItsExpiryTimeIsNoLoginKey() {
    String ed = KeysFixtures.read("sshkeys/ed25519.pub").strip();
    java.time.Instant now = java.time.Instant.parse("2026-03-02T09:30:00Z");
    for (String opts :
        List.of(
            "expiry-time=\"20000101\" ",
            "no-pty,EXPIRY-TIME=\"202603020929Z\" ",
            "expiry-time=20260301 ",
            "expiry-time=\"yesterday\" ")) {
      AuthorizedKey k = AuthorizedKeysParser.parseLine(1, opts + ed).orElseThrow();
      assertTrue(
          KeyPolicy.rejection(k, now).orElse("").startsWith("expiry-time"),
          opts + KeyPolicy.rejection(k, now));
      assertTrue(k.acceptable(), "strength alone does not know the time: " + opts);
    }
    for (String opts :
        List.of(
            "",
            "expiry-time=\"20991231\" ",
            "expiry-time=\"202603020931Z\" ",
            "expiry-time=\"20260302\" ", // may still be 2 March somewhere
            "command=\"echo expiry-time=20000101\" ")) {
      AuthorizedKey k = AuthorizedKeysParser.parseLine(1, opts + ed).orElseThrow();
      assertEquals(Optional.empty(), KeyPolicy.rejection(k, now), opts);
    }
  }

  @Test
  void bitsAndFingerprintsMatchSshKeygen() {
    for (String name : List.of("rsa2048", "rsa3072", "ed25519", "ecdsa384", "dsa")) {
      String keygenName =
          switch (name) {
            case "ed25519" -> "ed2";
            case "ecdsa384" -> "ecdsa";
            default -> name;
          };
      AuthorizedKey k =
          AuthorizedKeysParser.parseLine(1, KeysFixtures.read("sshkeys/" + name + ".pub"))
              .orElseThrow();
      assertEquals(KEYGEN.get(keygenName)[0], String.valueOf(k.key().bits()), name + " bits");
      assertEquals(KEYGEN.get(keygenName)[1], k.key().fingerprint(), name + " fingerprint");
    }
  }

  @Test
  void aKeyMakesItsFingerprintOnceAndKeepsItsBlobToItself() {
    PublicKey key =
        AuthorizedKeysParser.parseLine(1, KeysFixtures.read("sshkeys/rsa2048.pub"))
            .orElseThrow()
            .key();
    assertSame(key.fingerprint(), key.fingerprint(), "the keys and watch steps share one");
    byte[] blob = key.blob();
    blob[0] ^= 1;
    assertEquals(KEYGEN.get("rsa2048")[1], key.fingerprint());
    assertNotEquals(blob[0], key.blob()[0], "blob() hands out a copy");
  }

  @Test
  void policy() {
    assertEquals(Optional.of("rsa 2048 bits < 3072"), key("rsa2048").rejection());
    assertEquals(Optional.of("dsa"), key("dsa").rejection());
    assertEquals(Optional.empty(), key("rsa3072").rejection());
    assertEquals(Optional.empty(), key("ed25519").rejection());
    AuthorizedKey ec = key("ecdsa384");
    assertEquals(Optional.empty(), ec.rejection());
    assertEquals("nistp384", ec.key().curve());
  }

  @Test
  void declaredTypeThatLiesIsRejected() {
    String ed = KeysFixtures.read("sshkeys/ed25519.pub").strip();
    AuthorizedKey k =
        AuthorizedKeysParser.parseLine(1, ed.replace("ssh-ed25519", "ssh-rsa")).orElseThrow();
    assertTrue(k.rejection().orElseThrow().contains("does not match"), k.rejection().toString());
  }

  @Test
  void tenThousandLinesParseInLinearTime() {
    String ed = KeysFixtures.read("sshkeys/ed25519.pub").strip();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      sb.append(i % 2 == 0 ? "no-pty,command=\"echo \\\"" + i + "\\\"\" " : "")
          .append(ed)
          .append('\n');
    }
    AuthorizedKeysParser.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> AuthorizedKeysParser.parse(sb.toString()));
    assertEquals(10_000, r.keys().size());
    assertEquals(List.of(), r.unreadable());
    assertEquals("no-pty,command=\"echo \\\"0\\\"\"", r.keys().get(0).options());
  }

  private static AuthorizedKey key(String name) {
    return AuthorizedKeysParser.parseLine(1, KeysFixtures.read("sshkeys/" + name + ".pub"))
        .orElseThrow();
  }
}
