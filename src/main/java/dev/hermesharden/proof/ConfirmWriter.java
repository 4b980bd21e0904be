package dev.hermesharden.proof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin's side of a proof ({@code hermes-harden confirm TOKEN}): builds a {@link ConfirmRecord}
 * from the SSH session's environment and drops it into the drop box as a new 0600 file named after
 * the token. Runs as the admin (no root needed) in the very session being proven, so it uses plain
 * file I/O on this machine rather than a {@code Host}.
 *
 * <p>Caveat: under {@code sudo} the environment is usually reset and {@code SSH_CONNECTION} is
 * gone; the writer then refuses with {@code proof.confirm.no-ssh} instead of writing a useless
 * record.
 */
public final class ConfirmWriter {
  /** What happened; {@code key} is an i18n key, {@code args} its arguments. */
  public record Outcome(boolean written, String key, List<String> args) {
    public Outcome {
      args = List.copyOf(args);
    }

    static Outcome ok(String key, String... args) {
      return new Outcome(true, key, List.of(args));
    }

    static Outcome no(String key, String... args) {
      return new Outcome(false, key, List.of(args));
    }
  }

  private ConfirmWriter() {}

  /**
   * @param env the process environment ({@code SSH_CONNECTION}, {@code SSH_USER_AUTH}, {@code
   *     USER}, {@code SUDO_USER}, {@code SUDO_UID})
   * @param uid the effective uid of this process
   */
  public static Outcome write(
      String typedToken, Map<String, String> env, int uid, Path dropBox, Instant now) {
    String token = ProofToken.normalize(typedToken);
    if (!ProofToken.wellFormed(token)) {
      return Outcome.no("proof.confirm.bad-token", typedToken);
    }
    String conn = env.getOrDefault("SSH_CONNECTION", "").strip();
    if (conn.split("\\s+").length != 4) {
      return Outcome.no("proof.confirm.no-ssh");
    }
    if (!Files.isDirectory(dropBox, LinkOption.NOFOLLOW_LINKS)) {
      return Outcome.no("proof.confirm.no-drop-box", dropBox.toString());
    }
    Optional<List<String>> auth;
    try {
      auth = userAuth(env);
    } catch (IOException e) {
      return Outcome.no("proof.confirm.auth-unreadable", env.get("SSH_USER_AUTH"), e.toString());
    }
    int sudoUid = parseInt(env.get("SUDO_UID"));
    String user = uid == 0 && sudoUid >= 0 ? env.getOrDefault("SUDO_USER", "") : userOf(env);
    ConfirmRecord rec =
        new ConfirmRecord(
            token,
            conn,
            auth.orElse(List.of()),
            auth.isPresent(),
            user,
            uid,
            sudoUid,
            now.toString());
    try {
      create(dropBox.resolve(ProofToken.fileName(token)), rec.format());
    } catch (IOException e) {
      return Outcome.no("proof.confirm.write-failed", dropBox.toString(), e.toString());
    }
    return auth.isPresent()
        ? Outcome.ok("proof.confirm.written", conn.split("\\s+")[2])
        : Outcome.ok("proof.confirm.written-no-auth", conn.split("\\s+")[2]);
  }

  /** The lines of $SSH_USER_AUTH, or empty when sshd did not expose them (ExposeAuthInfo no). */
  private static Optional<List<String>> userAuth(Map<String, String> env) throws IOException {
    String path = env.getOrDefault("SSH_USER_AUTH", "");
    if (path.isBlank()) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(Path.of(path));
    if (bytes.length > ConfirmRecord.MAX_BYTES / 2) {
      throw new IOException("larger than " + ConfirmRecord.MAX_BYTES / 2 + " bytes");
    }
    return Optional.of(
        new String(bytes, StandardCharsets.UTF_8)
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList());
  }

  /**
   * A new file only (never through a symlink or over someone else's file); an earlier record of our
   * own with the same token is replaced, so the admin can simply run the command again.
   */
  private static void create(Path file, String text) throws IOException {
    try {
      Files.delete(file);
    } catch (NoSuchFileException gone) {
      // the usual case
    }
    Set<StandardOpenOption> opts = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (SeekableByteChannel ch =
        Files.newByteChannel(
            file,
            opts,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    } catch (FileAlreadyExistsException race) {
      throw new IOException("another record appeared at " + file, race);
    }
  }

  private static String userOf(Map<String, String> env) {
    return Optional.ofNullable(env.get("USER")).orElse(env.getOrDefault("LOGNAME", ""));
  }

  private static int parseInt(String s) {
    try {
      return s == null ? -1 : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
