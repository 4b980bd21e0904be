package dev.hermesharden.host.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;

/** SSH key fingerprints as OpenSSH shows them ({@code ssh-keygen -lf}, the host key prompt). */
public final class KeyFingerprint {
  private KeyFingerprint() {}

  /** {@code SHA256:} and the unpadded base64 of sha256 of the key blob. */
  public static String sha256(byte[] blob) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The fingerprint of a key sshj decoded. */
  public static String sha256(PublicKey key) {
    return sha256(blob(key));
  }

  /** The key in SSH wire format ({@code string type, ...}), as in a {@code .pub} line. */
  static byte[] blob(PublicKey key) {
    return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
  }
}
