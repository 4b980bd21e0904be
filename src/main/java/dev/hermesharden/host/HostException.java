package dev.hermesharden.host;

/**
 * A host could not do what was asked. The kind is what the user is told; the message is for logs.
 */
public final class HostException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the host failed, as the outermost layer reports it. */
  public enum Kind {
    UNREACHABLE,
    AUTH,
    TIMEOUT,
    PERMISSION,
    NOT_FOUND,
    IO,
    /** Refused for safety: not a regular file, a path other accounts can change, a link loop. */
    UNSAFE,
    /** Larger than the host reads ({@link Host#MAX_FILE_BYTES}). */
    TOO_LARGE
  }

  private final Kind kind;

  public HostException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public HostException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
