package dev.hermesharden.cli;

/** A command will not go on; the message is already localised, the code is the exit code. */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;
  private final ExitCode code;

  Refusal(ExitCode code, String message) {
    super(message);
    this.code = code;
  }

  ExitCode code() {
    return code;
  }
}
