package dev.hermesharden.proof;

import dev.hermesharden.host.LocalHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The admin's side of a proof ({@code hermes-harden confirm}, token on standard input): builds a
 * {@link ConfirmRecord} from the SSH session's environment and drops it as a new 0600 file, named
 * after the token, into the drop-box directory of its own uid ({@code <dir>/<uid>}, which root made
 * when the proof was asked for). Runs as the admin (no root needed) in the very session being
 * proven, so it uses plain file I/O on this machine rather than a {@code Host}.
 *
 * <p>It writes only into a real directory (not a symlink) that its own uid owns with mode 0700, and
 * only a new file ({@code O_CREAT|O_EXCL}, which never follows a symlink): so the token it writes
 * is readable by the admin and root alone. Caveat: under {@code sudo} the uid is root's, for which
 * no wizard waits, and the environment usually lacks {@code SSH_CONNECTION}; both are refused with
 * a reason.
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
   * Why nothing could be written whatever the token: not an SSH session, or no safe drop-box
   * directory of this uid. {@code confirm} asks this before it asks for the token.
   */
  public static Optional<Outcome> refusal(Map<String, String> env, int uid, Path dropBox) {
    return refusal(env, uid, dropBox, ConfirmWriter::ownerUid);
  }

  private static Optional<Outcome> refusal(
      Map<String, String> env, int uid, Path dropBox, ToIntFunction<Path> ownerOf) {
    if (env.getOrDefault("SSH_CONNECTION", "").strip().split("\\s+").length != 4) {
      return Optional.of(Outcome.no("proof.confirm.no-ssh"));
    }
    Path dir = dropBox.resolve(Integer.toString(uid));
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(
          Outcome.no("proof.confirm.no-drop-box", dir.toString(), Integer.toString(uid)));
    }
    if (!ownDirectory(dir, uid, ownerOf)) {
      return Optional.of(
          Outcome.no("proof.confirm.unsafe-drop-box", dir.toString(), Integer.toString(uid)));
    }
    return Optional.empty();
  }

  /**
   * @param typedToken the token as read from standard input (never from the command line)
   * @param env the process environment ({@code SSH_CONNECTION}, {@code SSH_USER_AUTH}, {@code
   *     USER})
   * @param uid the effective uid of this process
   * @param dropBox the drop box ({@code /run/hermes-harden/confirm}); the record goes into {@code
   *     dropBox/uid}
   */
  public static Outcome write(
      String typedToken, Map<String, String> env, int uid, Path dropBox, Instant now) {
    return write(typedToken, env, uid, dropBox, now, ConfirmWriter::ownerUid);
  }

  /** The same, with the owner of a path told by {@code ownerOf} (tests that play two accounts). */
  static Outcome write(
      String typedToken,
      Map<String, String> env,
      int uid,
      Path dropBox,
      Instant now,
      ToIntFunction<Path> ownerOf) {
    Optional<Outcome> no = refusal(env, uid, dropBox, ownerOf);
    if (no.isPresent()) {
      return no.get();
    }
    String token = ProofToken.normalize(typedToken);
    if (!ProofToken.wellFormed(token)) {
      return Outcome.no("proof.confirm.bad-token");
    }
    String conn = env.get("SSH_CONNECTION").strip();
    Path dir = dropBox.resolve(Integer.toString(uid));
    Optional<List<String>> auth;
    try {
      auth = userAuth(env);
    } catch (IOException e) {
      return Outcome.no("proof.confirm.auth-unreadable", env.get("SSH_USER_AUTH"), e.toString());
    }
    ConfirmRecord rec =
        new ConfirmRecord(
            token,
            conn,
            auth.orElse(List.of()),
            auth.isPresent(),
            userOf(env),
            uid,
            now.toString());
    try {
      create(dir.resolve(ProofToken.fileName(token)), rec.format());
    } catch (IOException e) {
      return Outcome.no("proof.confirm.write-failed", dir.toString(), e.toString());
    }
    return auth.isPresent()
        ? Outcome.ok("proof.confirm.written", conn.split("\\s+")[2])
        : Outcome.ok("proof.confirm.written-no-auth", conn.split("\\s+")[2]);
  }

  /** A real directory (no symlink) of this uid that nobody else may enter. */
  private static boolean ownDirectory(Path dir, int uid, ToIntFunction<Path> ownerOf) {
    try {
      return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
          && ownerOf.applyAsInt(dir) == uid
          && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
              .equals(PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      return false;
    }
  }

  private static int ownerUid(Path p) {
    try {
      return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
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
      LocalHost.createHere(file.toString(), text, 0600);
    } catch (FileAlreadyExistsException race) {
      throw new IOException("another record appeared at " + file, race);
    }
  }

  private static String userOf(Map<String, String> env) {
    return Optional.ofNullable(env.get("USER")).orElse(env.getOrDefault("LOGNAME", ""));
  }
}
