package dev.hermesharden.system.sshkeys;

import dev.hermesharden.host.ssh.KeyFingerprint;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * An OpenSSH public key decoded from its base64 blob: the type written inside the blob, its size in
 * bits (RSA modulus, DSA p, 256 for ed25519, the curve's size for ECDSA) and the curve name.
 *
 * <p>Equal when the blobs are. The fingerprint is made once, when first asked for: the keys step
 * and the watch step each ask for it of every key, and a file may hold 10,000 keys.
 *
 * <p>Caveat: only the fields needed to judge strength are read; the key is never verified.
 */
public final class PublicKey {
  private final String type;
  private final int bits;
  private final String curve;
  private final byte[] blob;
  private String fingerprint; // made on first use; a race makes the same string twice

  private PublicKey(String type, int bits, String curve, byte[] blob) {
    this.type = type;
    this.bits = bits;
    this.curve = curve;
    this.blob = blob; // decode's own array, never handed out
  }

  /** The type written inside the blob ({@code ssh-ed25519}, {@code ssh-rsa}, …). */
  public String type() {
    return type;
  }

  /** The key's size in bits; 0 when the type is unknown or the curve is. */
  public int bits() {
    return bits;
  }

  /** The ECDSA curve name ({@code nistp256}); "" for other types. */
  public String curve() {
    return curve;
  }

  public byte[] blob() {
    return blob.clone();
  }

  /** {@code SHA256:} and the unpadded base64 of sha256(blob), exactly as {@code ssh-keygen -lf}. */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = KeyFingerprint.sha256(blob);
      fingerprint = f;
    }
    return f;
  }

  /** Decodes the base64 field of a key line; empty when it is not a well-formed key blob. */
  public static Optional<PublicKey> decode(String base64) {
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(blob);
      String type = new String(string(in), StandardCharsets.US_ASCII);
      String base = type.replace("-cert-v01@openssh.com", "");
      if (base.equals("ssh-rsa")) {
        string(in); // e
        return Optional.of(
            new PublicKey(type, new BigInteger(1, string(in)).bitLength(), "", blob));
      }
      if (base.equals("ssh-dss")) {
        return Optional.of(
            new PublicKey(type, new BigInteger(1, string(in)).bitLength(), "", blob));
      }
      if (base.equals("ssh-ed25519") || base.equals("sk-ssh-ed25519@openssh.com")) {
        return Optional.of(new PublicKey(type, 256, "", blob));
      }
      if (base.startsWith("ecdsa-sha2-") || base.startsWith("sk-ecdsa-sha2-")) {
        String curve = new String(string(in), StandardCharsets.US_ASCII);
        int bits =
            switch (curve) {
              case "nistp256" -> 256;
              case "nistp384" -> 384;
              case "nistp521" -> 521;
              default -> 0;
            };
        return Optional.of(new PublicKey(type, bits, curve, blob));
      }
      return Optional.of(new PublicKey(type, 0, "", blob));
    } catch (RuntimeException e) {
      // BufferUnderflow or a negative length: truncated or not an SSH key blob
      return Optional.empty();
    }
  }

  private static byte[] string(ByteBuffer in) {
    int len = in.getInt();
    if (len < 0 || len > in.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    byte[] b = new byte[len];
    in.get(b);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey k && Arrays.equals(k.blob, blob);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(blob);
  }

  @Override
  public String toString() {
    return type + " " + bits + " " + fingerprint();
  }
}
