package dev.hermesharden.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line needs to know about the process it runs in: environment variables, the
 * effective uid, the home directory. Passed in so the whole CLI runs in-process in tests.
 */
public record CliEnvironment(Map<String, String> env, int uid, Path home) {
  public CliEnvironment {
    env = Map.copyOf(env);
  }

  public static CliEnvironment current() {
    return new CliEnvironment(
        System.getenv(), effectiveUid(), Path.of(System.getProperty("user.home")));
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
