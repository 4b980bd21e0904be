package dev.hermesharden.system.hermes;

import dev.hermesharden.model.BadInputException;

/**
 * A file edit that could not be made safely (a flow mapping on the path, an anchor, several
 * documents, or a result that did not re-parse to exactly the intended change). The file is left as
 * it was; the message names the key and why, for logs and the admin.
 */
public final class ConfigEditRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigEditRefusedException(String key, String reason) {
    super(key + ": " + reason);
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The same refusal as bad input in {@code file}: the key as field, the reason in words. */
  public BadInputException in(String file) {
    BadInputException b =
        new BadInputException(file, 0, key, "reason.input.edit-refused", getMessage());
    b.initCause(this);
    return b;
  }
}
