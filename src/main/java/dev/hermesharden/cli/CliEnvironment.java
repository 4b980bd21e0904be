package dev.hermesharden.cli;

import dev.hermesharden.tui.TerminalSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line needs to know about the process it runs in: environment variables, the
 * effective uid, the home directory, whether standard input and output are a terminal. Passed in so
 * the whole CLI runs in-process in tests.
 *
 * @param terminal standard input and standard output are both a terminal (the wizard needs one)
 * @param screen where the full-screen wizard draws: standard input and output, or a terminal given
 *     (the build's class-list run draws on a virtual one)
 */
public record CliEnvironment(
    Map<String, String> env, int uid, Path home, boolean terminal, TerminalSource screen) {
  public CliEnvironment {
    env = Map.copyOf(env);
  }

  public CliEnvironment(Map<String, String> env, int uid, Path home, boolean terminal) {
    this(env, uid, home, terminal, TerminalSource.SYSTEM);
  }

  /** Not on a terminal (tests, scripts). */
  public CliEnvironment(Map<String, String> env, int uid, Path home) {
    this(env, uid, home, false);
  }

  /** The same process, its wizard on the terminal {@code screen} opens (and not in line mode). */
  public CliEnvironment onScreen(TerminalSource screen) {
    return new CliEnvironment(env, uid, home, true, screen);
  }

  public static CliEnvironment current() {
    // Java 17: a console exists only when both standard input and standard output are terminals
    return new CliEnvironment(
        System.getenv(),
        effectiveUid(),
        Path.of(System.getProperty("user.home")),
        System.console() != null);
  }

  /**
   * Whether the wizard should use the line mode: the terminal says it cannot address the cursor
   * ({@code TERM} is {@code dumb}, {@code unknown} or unset), as on serial consoles, in Emacs
   * shells and for many screen readers.
   */
  public boolean lineTerminal() {
    return get("TERM").map(t -> t.equals("dumb") || t.equals("unknown")).orElse(true);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
  }

  public boolean root() {
    return uid == 0;
  }

  /** The user who started us: {@code SUDO_USER} under sudo, else {@code USER}. */
  public Optional<String> loginUser() {
    return get("SUDO_USER").or(() -> get("USER"));
  }

  /** Reads the effective uid from /proc; -1 when it cannot be told (treated as not root). */
  static int effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.split("\\s+")[2]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc not mounted: fall through
    }
    return -1;
  }
}
