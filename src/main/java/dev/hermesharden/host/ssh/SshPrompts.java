package dev.hermesharden.host.ssh;

import java.util.Optional;

/**
 * What connecting over SSH may need to ask the admin; the front end (TUI dialog, line mode prompt)
 * implements it. Each call blocks until the admin answers. Secrets come back as {@code char[]},
 * which the caller wipes when done; they are never written anywhere.
 */
public interface SshPrompts {
  /**
   * The server's host key is not in {@code known_hosts}: connect and remember it? The admin should
   * compare the fingerprint with the one the provider's console shows.
   *
   * @param host as it will be written to {@code known_hosts} ({@code [host]:port} when not 22)
   * @param fingerprint {@code SHA256:…}, as {@code ssh-keygen -lf} shows it
   */
  boolean acceptUnknownHostKey(String host, String keyType, String fingerprint);

  /** The passphrase of an encrypted key file; empty to skip that key. */
  Optional<char[]> keyPassphrase(String keyFile);

  /**
   * The sudo password of {@code user} on {@code host}, asked once per connection and kept in memory
   * only; empty to give up.
   *
   * @param retry the password given before was wrong
   */
  Optional<char[]> sudoPassword(String user, String host, boolean retry);

  /** Asks nothing: unknown host keys refused, no passphrase, no sudo password. */
  SshPrompts NONE =
      new SshPrompts() {
        @Override
        public boolean acceptUnknownHostKey(String host, String keyType, String fingerprint) {
          return false;
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
