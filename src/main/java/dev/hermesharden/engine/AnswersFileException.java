package dev.hermesharden.engine;

import java.util.List;

/**
 * An answers file was refused: where ({@code file}, 1-based {@code line}, {@code field}) and why
 * (an i18n key with arguments, {@code cli.answers.error.*}).
 */
public final class AnswersFileException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final int line;
  private final String field;
  private final String key;
  private final transient List<Object> args;

  public AnswersFileException(String file, int line, String field, String key, Object... args) {
    super(file + ":" + line + ": " + field + ": " + key);
    this.file = file;
    this.line = line;
    this.field = field;
    this.key = key;
    this.args = List.of(args);
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

  public String key() {
    return key;
  }

  public List<Object> args() {
    return args;
  }
}
