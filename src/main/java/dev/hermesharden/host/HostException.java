package dev.hermesharden.host;

import java.util.List;
import java.util.Optional;

/**
 * A host could not do what was asked. The kind is what the user is told; the message is for logs.
 *
 * <p>Where the tool can say more than the kind (a changed host key, sudo refused), the exception
 * also names a sentence: an i18n key under {@code host.error.} and its arguments, for the outermost
 * layer to put into words.
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
    TOO_LARGE,
    /**
     * The server offered a host key other than the one {@code known_hosts} lists for it: someone
     * may be in the middle, or the server was reinstalled. Nothing was sent to it.
     */
    HOST_KEY_CHANGED,
    /** The server's key is not in {@code known_hosts} and the admin did not accept it. */
    HOST_KEY_UNKNOWN,
    /** The admin's SSH configuration asks for something this tool does not do (ProxyJump). */
    SSH_CONFIG
  }

  private final Kind kind;
  private final String sentence;
  private final List<String> args;

  public HostException(Kind kind, String message) {
    this(kind, message, null, null, List.of());
  }

  public HostException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, null, List.of());
  }

  /**
   * @param sentence the i18n key of the sentence the admin reads ({@code host.error.…})
   * @param args its arguments, in order
   */
  public HostException(
      Kind kind, String message, Throwable cause, String sentence, List<String> args) {
    super(message, cause);
    this.kind = kind;
    this.sentence = sentence;
    this.args = List.copyOf(args);
  }

  public Kind kind() {
    return kind;
  }

  /** The i18n key of a sentence saying more than the kind, when there is one. */
  public Optional<String> sentence() {
    return Optional.ofNullable(sentence);
  }

  /** The arguments of {@link #sentence()}. */
  public List<String> sentenceArgs() {
    return args;
  }
}
