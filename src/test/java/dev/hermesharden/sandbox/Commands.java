package dev.hermesharden.sandbox;

import dev.hermesharden.host.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one argv on this machine with a timeout, output captured through files (not pipes): a daemon
 * started by the command may keep inherited pipes open for ever, files never block.
 *
 * <p>Caveat: on timeout the process is killed by its pid (and its descendants by theirs); the
 * result then has exit code 124 like {@code timeout(1)}.
 */
final class Commands {
  private Commands() {}

  static ExecResult run(List<String> argv, Map<String, String> env, Duration timeout, Path scratch)
      throws IOException {
    Files.createDirectories(scratch);
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(argv);
      if (env != null) {
        pb.environment().clear();
        pb.environment().putAll(env);
      }
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      int code;
      try {
        if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          code = p.exitValue();
        } else {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          code = 124;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        code = 124;
      }
      return new ExecResult(
          argv,
          code,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
