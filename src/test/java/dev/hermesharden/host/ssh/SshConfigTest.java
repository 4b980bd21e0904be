package dev.hermesharden.host.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.HostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConfigTest {
  @TempDir Path home;

  private SshEndpoint resolve(String target, String config) throws Exception {
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/config"), config);
    return SshConfig.resolve(SshTarget.parse(target), home, "me");
  }

  @Test
  void anAliasGivesHostNameUserPortAndKeysAndTheFirstValueWins() throws Exception {
    SshEndpoint e =
        resolve(
            "vps",
            """
            # my servers
            Host vps vps-*
              HostName 203.0.113.10
              User admin
              Port 2222
              IdentityFile ~/.ssh/id_vps
              IdentitiesOnly yes
            Host *
              User nobody
              Port 22
              IdentityFile %d/.ssh/id_%u_%h
            """);
    assertEquals("203.0.113.10", e.hostName());
    assertEquals("admin", e.user(), "the first User wins");
    assertEquals(2222, e.port());
    assertEquals(
        List.of(home.resolve(".ssh/id_vps"), home.resolve(".ssh/id_me_203.0.113.10")),
        e.identityFiles(),
        "IdentityFiles add up, tokens expanded");
    assertTrue(e.identitiesOnly());
  }

  @Test
  void theCommandLineBeatsTheConfigAndAnUnknownHostGetsTheDefaults() throws Exception {
    SshEndpoint e = resolve("root@vps:2200", "Host vps\n  User admin\n  Port 2222\n");
    assertEquals("root", e.user());
    assertEquals(2200, e.port());
    SshEndpoint other = resolve("203.0.113.9", "Host vps\n  HostName 10.0.0.1\n");
    assertEquals("203.0.113.9", other.hostName());
    assertEquals("me", other.user(), "the local user, as ssh");
    assertEquals(22, other.port());
    assertEquals(
        List.of(
            home.resolve(".ssh/id_ed25519"),
            home.resolve(".ssh/id_ecdsa"),
            home.resolve(".ssh/id_rsa")),
        other.identityFiles());
  }

  @Test
  void negatedPatternsEqualsSignsQuotesAndCaseAreOpenSshs() throws Exception {
    SshEndpoint e =
        resolve(
            "Web1",
            "HOST web* !web2\n  hostname=\"web one.example\"\nHost *\n  HostName %h.fallback\n");
    assertEquals("web one.example", e.hostName());
    assertEquals(
        "web2.fallback",
        resolve("web2", "Host web* !web2\n  HostName x\nHost *\n  HostName %h.fallback\n")
            .hostName());
  }

  @Test
  void includeIsFollowedRelativeToDotSshWithGlobsInOrder() throws Exception {
    Files.createDirectories(home.resolve(".ssh/conf.d"));
    Files.writeString(home.resolve(".ssh/conf.d/20-b.conf"), "Host vps\n  User second\n");
    Files.writeString(home.resolve(".ssh/conf.d/10-a.conf"), "Host vps\n  HostName 10.1.1.1\n");
    SshEndpoint e = resolve("vps", "Include conf.d/*.conf\nHost vps\n  User third\n");
    assertEquals("10.1.1.1", e.hostName());
    assertEquals("second", e.user());
  }

  @Test
  void aMatchBlockIsSkippedWithANote() throws Exception {
    SshEndpoint e = resolve("vps", "Match host vps\n  User matched\nHost vps\n  User admin\n");
    assertEquals("admin", e.user());
    assertEquals(1, e.notes().size());
    assertTrue(e.notes().get(0).contains("config:1: Match is not evaluated"), e.notes().toString());
  }

  @Test
  void aProxyJumpIsRefusedRatherThanDialledDirectly() throws Exception {
    HostException x =
        assertThrows(
            HostException.class,
            () -> resolve("vps", "Host vps\n  HostName 10.0.0.5\n  ProxyJump bastion\n"));
    assertEquals(HostException.Kind.SSH_CONFIG, x.kind());
    assertEquals("host.error.ssh-config-proxy", x.sentence().orElseThrow());
    assertEquals("ProxyJump", x.sentenceArgs().get(1));
    assertFalse(
        resolve("vps", "Host vps\n  ProxyCommand none\n").hostName().isEmpty(),
        "ProxyCommand none is no proxy");
  }

  @Test
  void noConfigFileConfiguresNothing() throws Exception {
    SshEndpoint e = SshConfig.resolve(SshTarget.parse("admin@[2001:db8::1]:2022"), home, "me");
    assertEquals("2001:db8::1", e.hostName());
    assertEquals(2022, e.port());
    assertEquals("admin", e.user());
    SshTarget bare = SshTarget.parse("root@2001:db8::1");
    assertEquals("2001:db8::1", bare.host());
    assertEquals(Optional.empty(), bare.port());
    assertEquals(Optional.of(2222), SshTarget.parse("vps:2222").port());
  }

  @Test
  void targetsThatAreNotUserAtHostPortAreRefused() {
    for (String bad : List.of("", "admin@", "a@b@c", "host:0", "host:99999", "-oProxyCommand=x")) {
      assertThrows(IllegalArgumentException.class, () -> SshTarget.parse(bad), bad);
    }
  }
}
