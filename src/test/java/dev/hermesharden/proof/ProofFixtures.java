package dev.hermesharden.proof;

import dev.hermesharden.system.sshkeys.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Keys, fixture text and a clock the proof tests move by hand. */
final class ProofFixtures {
  private ProofFixtures() {}

  /** An OpenSSH ed25519 public key blob (base64) with 32 bytes all {@code seed}. */
  static String ed25519(int seed) {
    byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(4 + type.length + 4 + 32);
    b.putInt(type.length).put(type).putInt(32);
    for (int i = 0; i < 32; i++) {
      b.put((byte) (seed + i));
    }
    return Base64.getEncoder().encodeToString(b.array());
  }

  static String fingerprint(String base64) {
    return PublicKey.decode(base64).orElseThrow().fingerprint();
  }

  static String resource(String name) {
    try (InputStream in = ProofFixtures.class.getResourceAsStream("/fixtures/proof/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
