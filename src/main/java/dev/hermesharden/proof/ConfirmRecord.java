package dev.hermesharden.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code hermes-harden confirm} writes into the drop box: the token, {@code SSH_CONNECTION},
 * the lines of {@code $SSH_USER_AUTH} (empty when sshd did not expose them), and who the writer
 * said it was. One {@code key=value} per line under a version header.
 *
 * <p>Caveat: everything here is written by the admin's own account and is only a claim; the waiting
 * side trusts the file's owner uid (from {@code lstat}), never {@code uid} or {@code user} written
 * inside, and recomputes the key fingerprint from the auth lines itself. The token inside is a
 * secret: the file is 0600 in the admin's 0700 directory, and only root reads it.
 */
public record ConfirmRecord(
    String token,
    String sshConnection,
    List<String> authLines,
    boolean authExposed,
    String user,
    int uid,
    String writtenAt) {
  static final String HEADER = "hermes-harden-confirm 1";

  /** Records larger than this are refused unread; a real one is well under 2 KiB. */
  public static final int MAX_BYTES = 16 * 1024;

  public ConfirmRecord {
    authLines = List.copyOf(authLines);
  }

  public String format() {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    sb.append("token=").append(token).append('\n');
    sb.append("ssh-connection=").append(sshConnection).append('\n');
    sb.append("auth-exposed=").append(authExposed).append('\n');
    for (String a : authLines) {
      sb.append("auth=").append(a).append('\n');
    }
    sb.append("user=").append(user).append('\n');
    sb.append("uid=").append(uid).append('\n');
    sb.append("written-at=").append(writtenAt).append('\n');
    return sb.toString();
  }

  /** Empty when the text is not a record of this version. */
  public static Optional<ConfirmRecord> parse(String text) {
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
      return Optional.empty();
    }
    String token = null;
    String conn = "";
    List<String> auth = new ArrayList<>();
    boolean exposed = false;
    String user = "";
    int uid = -1;
    String at = "";
    try {
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        int eq = line.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String v = line.substring(eq + 1);
        switch (line.substring(0, eq)) {
          case "token" -> token = v.strip();
          case "ssh-connection" -> conn = v.strip();
          case "auth-exposed" -> exposed = v.strip().equals("true");
          case "auth" -> auth.add(v.strip());
          case "user" -> user = v.strip();
          case "uid" -> uid = Integer.parseInt(v.strip());
          case "written-at" -> at = v.strip();
          default -> {
            // a newer or older writer's other field (e.g. sudo-uid): ignore
          }
        }
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (token == null) {
      return Optional.empty();
    }
    return Optional.of(new ConfirmRecord(token, conn, auth, exposed, user, uid, at));
  }

  /** SSH_CONNECTION's four fields: client address, client port, server address, server port. */
  public Optional<String[]> connection() {
    String[] f = sshConnection.strip().split("\\s+");
    return f.length == 4 ? Optional.of(f) : Optional.empty();
  }
}
