package dev.hermesharden.model;

import java.nio.charset.Charset;
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
    return hex(text, StandardCharsets.UTF_8);
  }

  /** sha256 of the bytes a text has in a charset (what a file read in that charset holds). */
  public static String hex(String text, Charset charset) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(charset)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
