package dev.hermesharden.engine;

import java.util.List;

/** A revert job could not be armed; the destructive change must then not run. */
public final class RevertException extends Exception {
  private final String key;
  private final List<Object> args;

  public RevertException(String key, Object... args) {
    super(key + " " + List.of(args));
    this.key = key;
    this.args = List.of(args);
  }

  public String key() {
    return key;
  }

  public List<Object> args() {
    return args;
  }
}
