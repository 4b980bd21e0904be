package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.host.HostException;
import dev.hermesharden.host.HostException.Kind;
import dev.hermesharden.i18n.Messages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What remote mode decides without a server: its state dir, the header's path, exits, words. */
class RemoteModeTest {
  @Test
  void theStateDirIsNamedAfterTheHostKeyWhateverTheAddress() {
    CliEnvironment env = new CliEnvironment(Map.of(), 1000, Path.of("/home/alice"));
    assertEquals(
        Path.of("/home/alice/.local/state/hermes-harden/hosts/ab_c-d"),
        RemoteMode.stateDirOf(env, "SHA256:ab/c+d"));
    CliEnvironment xdg =
        new CliEnvironment(Map.of("XDG_STATE_HOME", "/x"), 1000, Path.of("/home/alice"));
    assertEquals(
        Path.of("/x/hermes-harden/hosts/ab_c-d"), RemoteMode.stateDirOf(xdg, "SHA256:ab/c+d"));
  }

  @Test
  void theHeaderSaysWhichPath() {
    assertEquals("private", RemoteMode.pathOf("100.64.0.10"));
    assertEquals("private", RemoteMode.pathOf("fd7a:115c:a1e0::1"));
    assertEquals("private", RemoteMode.pathOf("10.1.2.3"));
    assertEquals("public", RemoteMode.pathOf("203.0.113.10"));
    assertEquals("public", RemoteMode.pathOf("2001:db8::1"));
  }

  @Test
  void hostFailuresOfRemoteModeAreExit4WithTheirOwnSentence() {
    Messages en = Messages.forLanguage("en");
    Messages de = Messages.forLanguage("de");
    HostException changed =
        new HostException(
            Kind.HOST_KEY_CHANGED,
            "changed",
            null,
            "host.error.host-key-changed",
            List.of("vps", "ssh-ed25519", "SHA256:x", "/home/a/.ssh/known_hosts"));
    assertEquals(ExitCode.UNREACHABLE, Cli.exitOf(changed));
    assertTrue(Cli.say(en, changed).startsWith("WARNING: vps offered a DIFFERENT host key"));
    assertTrue(Cli.say(de, changed).contains("SHA256:x"), Cli.say(de, changed));
    HostException sudo =
        new HostException(
            Kind.PERMISSION, "no", null, "host.error.sudo-refused", List.of("admin", "vps"));
    assertEquals(ExitCode.UNREACHABLE, Cli.exitOf(sudo));
    assertEquals("sudo on vps does not let admin run commands as root.", Cli.say(en, sudo));
    for (Kind k : List.of(Kind.HOST_KEY_UNKNOWN, Kind.AUTH, Kind.UNREACHABLE, Kind.SSH_CONFIG)) {
      assertEquals(ExitCode.UNREACHABLE, Cli.exitOf(new HostException(k, "x")), k.name());
    }
    assertEquals(ExitCode.USAGE, Cli.exitOf(new HostException(Kind.PERMISSION, "a file")));
    assertEquals(ExitCode.USAGE, Cli.exitOf(new HostException(Kind.UNSAFE, "a link")));
  }

  @Test
  void aTargetThatIsNotOneIsAUsageErrorAndPracticeCannotBeRemote() {
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            new String[] {"audit", "--remote", "admin@host:99999"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            new CliEnvironment(Map.of("LANG", "C"), 1000, Path.of("/nonexistent")));
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("is not of the form [USER@]HOST[:PORT]"), err.toString());
    StringWriter err2 = new StringWriter();
    int code2 =
        Cli.run(
            new String[] {"audit", "--practice", "--remote", "vps"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err2, true),
            new CliEnvironment(Map.of("LANG", "C"), 1000, Path.of("/nonexistent")));
    assertEquals(2, code2, err2.toString());
    assertTrue(err2.toString().contains("cannot be used together"), err2.toString());
  }
}
