package dev.hermesharden.engine;

/** The state could not be saved; the wizard must stop changing the host until it can be. */
public final class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The i18n key the UI shows. */
  public String key() {
    return "engine.journal.save-failed";
  }
}
