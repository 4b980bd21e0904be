package dev.hermesharden.steps;

import dev.hermesharden.checks.Reason;
import dev.hermesharden.i18n.Messages;

/**
 * A step file is wrong: names the file, the line and the field, so it can be fixed by hand. The
 * problem is a {@link Reason} ({@code stepfile.*} keys), told in the admin's language by {@link
 * #describe}; {@link #getMessage} is the English text for logs.
 */
public final class StepFileException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;
  private final transient Reason problem;

  public StepFileException(String file, int line, String field, Reason problem) {
    super(file + ":" + line + ": " + field + ": " + problem.key());
    this.file = file;
    this.line = line;
    this.field = field;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }

  public Reason problem() {
    return problem;
  }

  /** "file:line: field: problem" in the language of {@code messages}. */
  public String describe(Messages messages) {
    return messages.get("stepfile.error", file, String.valueOf(line), field, messages.get(problem));
  }

  @Override
  public String getMessage() {
    return describe(Messages.english());
  }
}
