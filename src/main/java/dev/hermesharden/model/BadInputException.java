package dev.hermesharden.model;

import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Input the tool cannot use, from the admin or the host: Hermes' {@code config.yaml}, a compose
 * file, an answers file, a {@code --set} value, an account name. It says where ({@code file}, a
 * 1-based {@code line} or 0 when there is none, a {@code field} or "") and why ({@code key}, an
 * i18n message key, with {@code args}); the outermost layer turns it into a sentence (the CLI exits
 * 2).
 *
 * <p>It is an {@link IllegalArgumentException}, so parsers documented to throw that still do, now
 * with a place. Caveat: SnakeYAML's problem text in a reason argument stays English.
 */
public final class BadInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;
  private final String key;
  private final transient List<Object> args;

  public BadInputException(String file, int line, String field, String key, Object... args) {
    super(where(file, line, field) + ": " + key + " " + Arrays.toString(args));
    this.file = file;
    this.line = line;
    this.field = field;
    this.key = key;
    this.args = List.of(args);
  }

  /** Text that is not YAML: the line and column SnakeYAML marked, its problem in words. */
  public static BadInputException yaml(String file, YAMLException e) {
    int line = 1;
    int column = 1;
    String problem = e.getMessage();
    if (e instanceof MarkedYAMLException m) {
      Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
      if (mark != null) {
        line = mark.getLine() + 1;
        column = mark.getColumn() + 1;
      }
      problem = m.getProblem() != null ? m.getProblem() : m.getContext();
    }
    BadInputException b =
        new BadInputException(file, line, "", "reason.input.yaml", column, oneLine(problem));
    b.initCause(e);
    return b;
  }

  private static String oneLine(String s) {
    return String.valueOf(s).replaceAll("\\s+", " ").strip();
  }

  /** {@code file:line: field}, as compilers write it; parts that are unknown are left out. */
  public String where() {
    return where(file, line, field);
  }

  private static String where(String file, int line, String field) {
    return file + (line > 0 ? ":" + line : "") + (field.isEmpty() ? "" : ": " + field);
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
