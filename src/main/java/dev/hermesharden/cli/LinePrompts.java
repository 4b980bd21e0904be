package dev.hermesharden.cli;

import dev.hermesharden.host.ssh.SshPrompts;
import dev.hermesharden.i18n.Messages;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.Optional;

/**
 * What connecting to a server over SSH asks, as lines on the terminal before any screen is drawn:
 * an unknown host key (only {@code yes} accepts it, as OpenSSH), an encrypted key's passphrase and
 * the sudo password (read without echo from the console; from standard input when there is no
 * terminal). Input is read one character at a time, so nothing past the answer is taken from a
 * later reader. Secrets are returned as {@code char[]} and never printed.
 */
final class LinePrompts implements SshPrompts {
  private final Reader in;
  private final PrintWriter err;
  private final Messages m;
  private final Console console;

  LinePrompts(Reader in, PrintWriter err, Messages m, Console console) {
    this.in = in;
    this.err = err;
    this.m = m;
    this.console = console;
  }

  @Override
  public boolean acceptUnknownHostKey(String host, String keyType, String fingerprint) {
    err.println(m.get("cli.remote.host-key-unknown", host, keyType, fingerprint));
    err.print(m.get("cli.remote.host-key-accept") + " ");
    err.flush();
    char[] answer = line();
    return String.valueOf(answer).strip().equals("yes");
  }

  @Override
  public Optional<char[]> keyPassphrase(String keyFile) {
    return secret(m.get("cli.remote.passphrase", keyFile));
  }

  @Override
  public Optional<char[]> sudoPassword(String user, String host, boolean retry) {
    return secret(
        m.get(retry ? "cli.remote.sudo-password.retry" : "cli.remote.sudo-password", user, host));
  }

  private Optional<char[]> secret(String prompt) {
    char[] s;
    if (console != null) {
      s = console.readPassword("%s ", prompt);
    } else {
      err.print(prompt + " ");
      err.flush();
      s = line();
    }
    return s == null || s.length == 0 ? Optional.empty() : Optional.of(s);
  }

  /** One line without its end; empty at the end of input. */
  private char[] line() {
    StringBuilder b = new StringBuilder();
    try {
      for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
        b.append((char) c);
      }
    } catch (IOException e) {
      // no more input: what was read so far
    }
    char[] out = new char[b.length()];
    b.getChars(0, b.length(), out, 0);
    b.setLength(0);
    return out;
  }
}
