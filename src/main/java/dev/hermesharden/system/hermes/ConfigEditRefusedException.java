package dev.hermesharden.system.hermes;

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
}
