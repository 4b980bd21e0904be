package dev.hermesharden.proof;

import dev.hermesharden.model.EvidenceKind;
import dev.hermesharden.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A one-time secret the admin types into {@code hermes-harden confirm TOKEN} from a second SSH
 * session: 26 base32 characters (130 random bits from {@link SecureRandom}), issued for one proof
 * kind and one admin user, valid until {@code expires}.
 *
 * <p>Caveat: single use is enforced by {@link LocalProver}, which remembers what each token proved;
 * this value only knows its own text and lifetime.
 */
public record ProofToken(
    String value, EvidenceKind kind, String user, Instant issued, Instant expires) {
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);
  public static final int LENGTH = 26;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  public static ProofToken generate(
      SecureRandom random, EvidenceKind kind, String user, Instant now, Duration lifetime) {
    byte[] bytes = new byte[17]; // 136 bits; the first 130 become 26 base32 characters
    random.nextBytes(bytes);
    StringBuilder sb = new StringBuilder(LENGTH);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5 && sb.length() < LENGTH) {
        sb.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    return new ProofToken(sb.toString(), kind, user, now, now.plus(lifetime));
  }

  /** What the admin typed, upper-cased, without spaces or dashes a copy may have added. */
  public static String normalize(String typed) {
    return typed.strip().replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
  }

  /** Whether text looks like a token at all (used by {@code confirm} to catch typos early). */
  public static boolean wellFormed(String text) {
    return text.length() == LENGTH && text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
  }

  /**
   * Compares two token texts in time that does not depend on where they differ ({@link
   * MessageDigest#isEqual}), so a local observer cannot guess a token character by character.
   */
  public static boolean sameToken(String a, String b) {
    return MessageDigest.isEqual(
        normalize(a).getBytes(StandardCharsets.US_ASCII),
        normalize(b).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The drop-box file name for a token: sha256 of its text, so the names reveal nothing and nobody
   * can write a record under a token's name without knowing the token.
   */
  public static String fileName(String token) {
    return Sha256.hex("hermes-harden-confirm:" + normalize(token)) + ".confirm";
  }

  public String fileName() {
    return fileName(value);
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expires);
  }

  @Override
  public String toString() {
    // Never print the secret by accident (logs, exceptions).
    return "ProofToken[" + kind.id() + " for " + user + " until " + expires + "]";
  }
}
