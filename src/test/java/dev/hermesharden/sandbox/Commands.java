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
    return run(argv, env, timeout, scratch, null);
  }

  /**
   * The same with {@code stdin} written into a pipe to the command's standard input and closed (no
   * file holds it: it may be a proof token); {@code null} gives {@code /dev/null}.
   */
  static ExecResult run(
      List<String> argv, Map<String, String> env, Duration timeout, Path scratch, String stdin)
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
      pb.redirectInput(
          stdin == null
              ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
              : ProcessBuilder.Redirect.PIPE);
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (stdin != null) {
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException gone) {
          // the command ended without reading it: its exit code tells
        }
      }
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
