package dev.hermesharden.model;

import java.util.List;

/** A proof could not even be asked for (no address for the path, drop box not creatable). */
public final class ProofException extends Exception {
  private final String key;
  private final List<String> args;

  public ProofException(String key, String... args) {
    super(key + " " + String.join(" ", args));
    this.key = key;
    this.args = List.of(args);
  }

  /** i18n key of the reason. */
  public String key() {
    return key;
  }

  public List<String> args() {
    return args;
  }
}
