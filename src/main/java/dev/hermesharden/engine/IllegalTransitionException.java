package dev.hermesharden.engine;

import dev.hermesharden.checks.Reason;
import java.util.List;

/**
 * A wizard action that is not allowed in the step's current state (e.g. checking a locked step,
 * skipping without a reason). Carries an i18n key for the UI; the message is for logs.
 */
public final class IllegalTransitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final List<String> args;

  public IllegalTransitionException(String key, List<String> args) {
    super(key + " " + args);
    this.key = key;
    this.args = List.copyOf(args);
  }

  public String key() {
    return key;
  }

  public Reason reason() {
    return new Reason(key, args);
  }
}
