package dev.hermesharden.host.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.HostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KnownHosts} against files the real OpenSSH tools write and read ({@code ssh-keygen -H},
 * {@code ssh-keygen -F}): hashed entries match, a changed key is refused whatever the admin would
 * answer, an unknown key is asked about and appended so that OpenSSH finds it.
 */
@Timeout(60)
class KnownHostsTest {
  @TempDir Path dir;
  private PublicKey serverKey;
  private PublicKey otherKey;
  private final List<String> asked = new ArrayList<>();

  @BeforeEach
  void keys() throws Exception {
    serverKey = key("server");
    otherKey = key("other");
  }

  @Test
  void aHashedEntryWrittenByOpenSshMatchesAndAnotherKeyIsChanged() throws Exception {
    Path kh = dir.resolve("known_hosts");
    Files.writeString(
        kh,
        "[203.0.113.10]:2222 " + pub("server") + "\n203.0.113.10 " + pub("server") + "\n",
        StandardCharsets.UTF_8);
    run("ssh-keygen", "-q", "-H", "-f", kh.toString());
    assertTrue(Files.readString(kh).startsWith("|1|"), "ssh-keygen hashed the file");
    assertTrue(verifier(kh, true).verify("203.0.113.10", 22, serverKey));
    assertTrue(verifier(kh, true).verify("203.0.113.10", 2222, serverKey), "[host]:port");
    KnownHosts v = verifier(kh, true);
    assertFalse(v.verify("203.0.113.10", 22, otherKey), "accepting would not help: refused");
    HostException x = v.refusal().orElseThrow();
    assertEquals(HostException.Kind.HOST_KEY_CHANGED, x.kind());
    assertEquals(KeyFingerprint.sha256(otherKey), x.sentenceArgs().get(2));
    assertEquals(List.of(), asked, "a changed key is never asked about");
  }

  @Test
  void anUnknownKeyIsAskedWithItsSha256AndAppendedHashedWhereOpenSshFindsIt() throws Exception {
    Path kh = dir.resolve("sub/known_hosts");
    KnownHosts declined = verifier(kh, false);
    assertFalse(declined.verify("vps.example", 22, serverKey));
    assertEquals(HostException.Kind.HOST_KEY_UNKNOWN, declined.refusal().orElseThrow().kind());
    assertFalse(Files.exists(kh), "nothing written for a declined key");
    assertEquals(
        List.of("vps.example ssh-ed25519 " + fingerprintByOpenSsh("server")), asked, "asked");

    assertTrue(verifier(kh, true).verify("vps.example", 22, serverKey));
    String line = Files.readString(kh);
    assertTrue(line.startsWith("|1|") && !line.contains("vps.example"), line);
    String found = run("ssh-keygen", "-F", "vps.example", "-f", kh.toString());
    assertTrue(found.contains("found: line 1"), found);
    asked.clear();
    assertTrue(verifier(kh, false).verify("vps.example", 22, serverKey), "remembered");
    assertEquals(List.of(), asked);
  }

  @Test
  void aPinnedKeyIsTheOnlyOneAcceptedAndNeverAskedAbout() throws Exception {
    Path kh = dir.resolve("known_hosts");
    KnownHosts pinned = new KnownHosts(kh, prompts(true), Optional.of(serverKey));
    assertTrue(pinned.verify("100.64.0.10", 22, serverKey));
    KnownHosts wrong = new KnownHosts(kh, prompts(true), Optional.of(serverKey));
    assertFalse(wrong.verify("100.64.0.10", 22, otherKey));
    assertEquals(HostException.Kind.HOST_KEY_CHANGED, wrong.refusal().orElseThrow().kind());
    assertEquals(List.of(), asked);
    assertFalse(Files.exists(kh), "a pinned key is never written");
  }

  @Test
  void theSameServerProvenAtAnotherAddressIsRememberedThereButNeverOverAnotherKey()
      throws Exception {
    Path kh = dir.resolve("known_hosts");
    Files.writeString(kh, "203.0.113.10 " + pub("server") + "\n100.64.0.9 " + pub("other") + "\n");
    assertTrue(KnownHosts.rememberSameServer(kh, "100.64.0.10", 22, serverKey));
    String found = run("ssh-keygen", "-F", "100.64.0.10", "-f", kh.toString());
    assertTrue(found.contains("found: line 3"), "OpenSSH finds it: " + found);
    assertTrue(verifier(kh, false).verify("100.64.0.10", 22, serverKey), "known now");
    String before = Files.readString(kh);
    assertFalse(KnownHosts.rememberSameServer(kh, "100.64.0.9", 22, serverKey), "listed: other");
    assertTrue(KnownHosts.rememberSameServer(kh, "203.0.113.10", 22, serverKey));
    assertEquals(before, Files.readString(kh), "nothing written over or twice");
    assertEquals(List.of(), asked);
  }

  private KnownHosts verifier(Path kh, boolean accept) throws Exception {
    return new KnownHosts(kh, prompts(accept), Optional.empty());
  }

  private SshPrompts prompts(boolean accept) {
    return new SshPrompts() {
      @Override
      public boolean acceptUnknownHostKey(String host, String keyType, String fingerprint) {
        asked.add(host + " " + keyType + " " + fingerprint);
        return accept;
      }

      @Override
      public Optional<char[]> keyPassphrase(String keyFile) {
        return Optional.empty();
      }

      @Override
      public Optional<char[]> sudoPassword(String user, String host, boolean retry) {
        return Optional.empty();
      }
    };
  }

  private PublicKey key(String name) throws Exception {
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve(name).toString());
    return KeyFiles.publicHalf(dir.resolve(name)).orElseThrow();
  }

  private String pub(String name) throws Exception {
    String[] f = Files.readString(dir.resolve(name + ".pub")).strip().split(" ");
    return f[0] + " " + f[1];
  }

  private String fingerprintByOpenSsh(String name) throws Exception {
    return run("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve(name + ".pub").toString())
        .split(" ")[1];
  }

  static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    return out;
  }
}
