package dev.hermesharden.host;

import dev.hermesharden.host.RemoteCommandLine.Privilege;
import dev.hermesharden.host.ssh.RemoteRun;
import dev.hermesharden.host.ssh.SshEndpoint;
import dev.hermesharden.host.ssh.SshPrompts;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How {@link SshHost} becomes root on a server whose login is not root's: {@code sudo -n} when the
 * policy lets the admin run commands without a password; otherwise the admin's sudo password, asked
 * through {@link SshPrompts#sudoPassword} (three tries) and checked with the very command line
 * every later command uses ({@link RemoteCommandLine}), so a password that works here works there.
 * The password goes over the encrypted channel on standard input only.
 */
final class SudoAccess {
  private static final int TRIES = 3;
  private static final Duration PROBE = Duration.ofSeconds(20);

  private final SshHost host;
  private final SshEndpoint endpoint;
  private final SshPrompts prompts;

  SudoAccess(SshHost host, SshEndpoint endpoint, SshPrompts prompts) {
    this.host = host;
    this.endpoint = endpoint;
    this.prompts = prompts;
  }

  void gain() throws HostException {
    RemoteRun.Output n = probe(Privilege.SUDO_NOPASSWD, "", new byte[0]);
    String err = text(n.stderr());
    if (n.exitCode() == 0) {
      host.useSudo(Privilege.SUDO_NOPASSWD, new byte[0]);
      return;
    }
    if (n.exitCode() == 127 || err.contains("sudo: not found") || err.contains("No such file")) {
      throw sentence("sudo is missing: " + err, "host.error.sudo-missing");
    }
    if (!err.contains("password is required")) {
      throw sentence("sudo refused: " + err, "host.error.sudo-refused");
    }
    for (int i = 0; i < TRIES; i++) {
      Optional<char[]> given = prompts.sudoPassword(endpoint.user(), endpoint.hostName(), i > 0);
      if (given.isEmpty()) {
        throw sentence("no sudo password given", "host.error.sudo-no-password");
      }
      byte[] pw = utf8(given.get());
      if (oneLine(pw)) {
        String mark = SshHost.newMark();
        byte[] in = input(pw, mark);
        RemoteRun.Output v;
        try {
          v = probe(Privilege.SUDO_PASSWORD, mark, in);
        } finally {
          Arrays.fill(in, (byte) 0);
        }
        if (v.exitCode() == 0) {
          host.useSudo(Privilege.SUDO_PASSWORD, pw);
          return;
        }
        String verr = text(v.stderr());
        if (!wrongPassword(verr)) {
          Arrays.fill(pw, (byte) 0);
          throw sentence("sudo refused: " + verr, "host.error.sudo-refused");
        }
      }
      Arrays.fill(pw, (byte) 0);
    }
    throw sentence("sudo password wrong " + TRIES + " times", "host.error.sudo-wrong-password");
  }

  /** {@code true} run exactly as every command will be. */
  private RemoteRun.Output probe(Privilege p, String mark, byte[] stdin) throws HostException {
    String line = RemoteCommandLine.line(List.of("true"), PROBE, p, mark, LocalHost.DEFAULT_PATH);
    return host.runLine(line, stdin, PROBE.plus(SshHost.GRACE), 4096);
  }

  private static byte[] input(byte[] pw, String mark) {
    byte[] m = mark.getBytes(StandardCharsets.US_ASCII);
    byte[] in = new byte[pw.length + 1 + m.length + 1];
    System.arraycopy(pw, 0, in, 0, pw.length);
    in[pw.length] = '\n';
    System.arraycopy(m, 0, in, pw.length + 1, m.length);
    in[in.length - 1] = '\n';
    return in;
  }

  /** A password sudo can read from a line: no newline, carriage return or NUL in it. */
  private static boolean oneLine(byte[] pw) {
    for (byte b : pw) {
      if (b == '\n' || b == '\r' || b == 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = Arrays.copyOfRange(b.array(), b.position(), b.limit());
    Arrays.fill(b.array(), (byte) 0);
    Arrays.fill(chars, '\0');
    return out;
  }

  private static boolean wrongPassword(String err) {
    return err.contains("incorrect password") || err.contains("Sorry, try again");
  }

  /** sudo's own refusal, as a command's stderr shows it (exit code 1). */
  static boolean refused(String err) {
    return err.startsWith("sudo: ")
        && (err.contains("password is required")
            || wrongPassword(err)
            || err.contains("not in the sudoers")
            || err.contains("is not allowed to"));
  }

  /** sudo stopped working midway (password changed, the admin removed from sudo). */
  static HostException lost(SshEndpoint ep, String err) {
    return new HostException(
        HostException.Kind.PERMISSION,
        "sudo refused on " + ep.hostName() + ": " + err.strip(),
        null,
        "host.error.sudo-refused",
        List.of(ep.user(), ep.hostName()));
  }

  private HostException sentence(String message, String key) {
    return new HostException(
        HostException.Kind.PERMISSION,
        endpoint.user() + "@" + endpoint.hostName() + ": " + message.strip(),
        null,
        key,
        List.of(endpoint.user(), endpoint.hostName()));
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
