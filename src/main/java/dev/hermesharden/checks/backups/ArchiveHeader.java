package dev.hermesharden.checks.backups;

import java.util.Optional;

/**
 * What the first bytes of an archive say about its encryption: {@code age} (the text header {@code
 * age-encryption.org/v1}), {@code openpgp-armor} ({@code -----BEGIN PGP MESSAGE-----}) or {@code
 * openpgp} (a binary symmetric-key encrypted session key packet, tag 3, as {@code gpg --symmetric}
 * starts: old format {@code 0x8c}/{@code 0x8d}, new format {@code 0xc3}). Anything else — a plain
 * tar, gzip — is not encrypted.
 */
final class ArchiveHeader {
  private ArchiveHeader() {}

  /** From {@code od -An -tx1} output (hex bytes separated by blanks and newlines). */
  static Optional<String> encryption(String odHex) {
    String[] hex = odHex.strip().split("\\s+");
    byte[] b = new byte[hex.length];
    int n = 0;
    for (String h : hex) {
      if (h.matches("[0-9a-fA-F]{2}")) {
        b[n++] = (byte) Integer.parseInt(h, 16);
      }
    }
    String text = new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (text.startsWith("age-encryption.org/v1")) {
      return Optional.of("age");
    }
    if (text.startsWith("-----BEGIN PGP MESSAGE-----")) {
      return Optional.of("openpgp-armor");
    }
    if (n > 0 && ((b[0] & 0xff) == 0x8c || (b[0] & 0xff) == 0x8d || (b[0] & 0xff) == 0xc3)) {
      return Optional.of("openpgp");
    }
    return Optional.empty();
  }
}
