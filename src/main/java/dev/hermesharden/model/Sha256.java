package dev.hermesharden.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * sha256 of a file's text as read through the {@code Host} (UTF-8 bytes), lower-case hex. Evidence
 * {@code restsOn} hashes must be made the same way, or the guard sees every proof as stale.
 */
public final class Sha256 {
  private Sha256() {}

  public static String hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
