package dev.hermesharden.checks;

/** The outcome of one live check. */
public enum Status {
  PASS,
  FAIL,
  NOT_APPLICABLE,
  SKIPPED,
  ERROR;

  /** Whether the step can count this check as satisfied. */
  public boolean satisfied() {
    return this == PASS || this == NOT_APPLICABLE;
  }
}
