package dev.hermesharden.cli;

/** The process exit codes, in one place. Only {@link Main} turns them into {@code System.exit}. */
public enum ExitCode {
  OK(0),
  INTERNAL(1),
  USAGE(2),
  FINDINGS(3),
  UNREACHABLE(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
