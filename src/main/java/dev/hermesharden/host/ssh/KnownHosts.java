package dev.hermesharden.host.ssh;

import dev.hermesharden.host.HostException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Host keys checked as OpenSSH checks them, against the admin's {@code ~/.ssh/known_hosts} (plain
 * and hashed {@code |1|} entries, {@code [host]:port}, {@code @revoked}; sshj's parser):
 *
 * <ul>
 *   <li>a listed key: accepted;
 *   <li>another key of the same type for a listed host: refused ({@link #refusal()} says {@code
 *       HOST_KEY_CHANGED}), whatever the admin would answer;
 *   <li>an unknown host: the admin is shown the SHA256 fingerprint and asked; an accepted key is
 *       appended as a hashed entry (Debian's {@code HashKnownHosts yes}), a declined one is {@code
 *       HOST_KEY_UNKNOWN}.
 * </ul>
 *
 * <p>With a pinned key (the prover's new connection to the same server at another address), only
 * that key is accepted, never asked about and never written.
 */
public final class KnownHosts extends OpenSSHKnownHosts {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final SshPrompts prompts;
  private final Optional<PublicKey> pinned;
  private HostException refusal;
  private PublicKey seen;
  private boolean rememberUnknown;

  KnownHosts(Path file, SshPrompts prompts, Optional<PublicKey> pinned) throws IOException {
    super(file.toFile());
    this.file = file;
    this.prompts = prompts;
    this.pinned = pinned;
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    seen = key;
    if (pinned.isPresent() && !Arrays.equals(blob(pinned.get()), blob(key))) {
      String type = KeyType.fromKey(key).toString();
      String fp = KeyFingerprint.sha256(key);
      String host = label(hostname, port);
      refusal =
          new HostException(
              HostException.Kind.HOST_KEY_CHANGED,
              host + " offered " + type + " " + fp + ", not the key of the server connected to",
              null,
              "host.error.host-key-other-server",
              List.of(host, type, fp));
      return false;
    }
    return super.verify(hostname, port, key);
  }

  @Override
  protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
    String type = KeyType.fromKey(key).toString();
    String fp = KeyFingerprint.sha256(key);
    refusal =
        new HostException(
            HostException.Kind.HOST_KEY_CHANGED,
            "HOST KEY CHANGED for "
                + hostname
                + ": offered "
                + type
                + " "
                + fp
                + ", "
                + file
                + " lists another",
            null,
            "host.error.host-key-changed",
            List.of(hostname, type, fp, file.toString()));
    return false;
  }

  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
    if (pinned.isPresent()) {
      return true; // equal to the pinned key, checked above
    }
    String type = KeyType.fromKey(key).toString();
    String fp = KeyFingerprint.sha256(key);
    if (!rememberUnknown && !prompts.acceptUnknownHostKey(hostname, type, fp)) {
      refusal =
          new HostException(
              HostException.Kind.HOST_KEY_UNKNOWN,
              "host key of " + hostname + " (" + type + " " + fp + ") not accepted",
              null,
              "host.error.host-key-unknown",
              List.of(hostname, type, fp));
      return false;
    }
    try {
      append(hostname, key);
    } catch (IOException e) {
      // the key was accepted for this connection; ssh would also go on after a failed write
    }
    return true;
  }

  /**
   * Remembers {@code key} for {@code hostname:port} when {@code file} lists no key for that name
   * yet: the same server, proven at another address over a connection pinned to its key, as
   * OpenSSH's {@code CheckHostIP} adds a server's address. A name listed with another key is left
   * as it is (and the next connection there is refused as changed).
   *
   * @return whether the file now lists that key for the name
   */
  public static boolean rememberSameServer(Path file, String hostname, int port, PublicKey key)
      throws IOException {
    KnownHosts k = new KnownHosts(file, SshPrompts.NONE, Optional.empty());
    k.rememberUnknown = true;
    return k.verify(hostname, port, key);
  }

  /** Why the last verification failed, when it did. */
  Optional<HostException> refusal() {
    return Optional.ofNullable(refusal);
  }

  /** The key the server offered, once it has. */
  Optional<PublicKey> seen() {
    return Optional.ofNullable(seen);
  }

  /** Appends {@code |1|salt|hmac host type key}, as {@code ssh} with HashKnownHosts does. */
  private void append(String hostname, PublicKey key) throws IOException {
    String line =
        hashed(hostname)
            + " "
            + KeyType.fromKey(key)
            + " "
            + Base64.getEncoder().encodeToString(blob(key))
            + "\n";
    Path dir = file.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.writeString(
        file,
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
  }

  static String hashed(String hostname) {
    byte[] salt = new byte[20];
    RANDOM.nextBytes(salt);
    return hashed(hostname, salt);
  }

  static String hashed(String hostname, byte[] salt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(salt, "HmacSHA1"));
      byte[] h = mac.doFinal(hostname.getBytes(StandardCharsets.UTF_8));
      Base64.Encoder b64 = Base64.getEncoder();
      return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(h);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA1", e);
    }
  }

  private static String label(String hostname, int port) {
    return port == 22 ? hostname : "[" + hostname + "]:" + port;
  }

  private static byte[] blob(PublicKey key) {
    return KeyFingerprint.blob(key);
  }
}
