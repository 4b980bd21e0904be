package dev.hermesharden.host.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * A private key file ({@code ~/.ssh/id_ed25519}, …) for the {@code publickey} method. The public
 * half comes from the {@code .pub} beside it when there is one, so the passphrase of an encrypted
 * key is asked only after the server said it would take that key, as {@code ssh} does; up to three
 * tries.
 */
final class KeyFiles {
  private static final int TRIES = 3;

  private KeyFiles() {}

  /** The public key of {@code file.pub}, when it exists and parses. */
  static Optional<PublicKey> publicHalf(Path file) {
    Path pub = Path.of(file + ".pub");
    try {
      String[] f = Files.readString(pub, StandardCharsets.UTF_8).strip().split("\\s+");
      if (f.length >= 2) {
        return Optional.of(
            new Buffer.PlainBuffer(Base64.getDecoder().decode(f[1])).readPublicKey());
      }
    } catch (IOException | IllegalArgumentException e) {
      // no usable .pub: the private file itself says
    }
    return Optional.empty();
  }

  /** The key file as sshj's provider, asking {@code prompts} for a passphrase when needed. */
  static KeyProvider provider(SSHClient client, Path file, SshPrompts prompts) throws IOException {
    KeyProvider inner = client.loadKeys(file.toString(), new Passphrase(file, prompts));
    Optional<PublicKey> pub = publicHalf(file);
    return new KeyProvider() {
      @Override
      public PrivateKey getPrivate() throws IOException {
        return inner.getPrivate();
      }

      @Override
      public PublicKey getPublic() throws IOException {
        return pub.isPresent() ? pub.get() : inner.getPublic();
      }

      @Override
      public KeyType getType() throws IOException {
        return KeyType.fromKey(getPublic());
      }

      @Override
      public String toString() {
        return file.toString();
      }
    };
  }

  private static final class Passphrase implements PasswordFinder {
    private final Path file;
    private final SshPrompts prompts;
    private int asked;
    private boolean declined;

    Passphrase(Path file, SshPrompts prompts) {
      this.file = file;
      this.prompts = prompts;
    }

    @Override
    public char[] reqPassword(Resource<?> resource) {
      asked++;
      Optional<char[]> p = prompts.keyPassphrase(file.toString());
      declined = p.isEmpty();
      return p.orElse(null);
    }

    @Override
    public boolean shouldRetry(Resource<?> resource) {
      return !declined && asked < TRIES;
    }
  }
}
